package io.zerosync.events;

/** A message that is not a valid {@link EntityChanged}; it must fail on its own and reach a DLQ. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
