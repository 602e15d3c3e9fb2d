package io.zerosync.kernel.port;

/** The source API could not answer now (5xx, throttled, timed out); the same request may work later. */
public class SourceUnavailableException extends RuntimeException {
    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SourceUnavailableException(String message) {
        super(message);
    }
}
