package io.zerosync.local.sns;

/** An error in SNS's own terms: its code, HTTP status and whether the sender is at fault. */
final class SnsError extends RuntimeException {
    final String code;
    final int status;
    final boolean senderFault;

    SnsError(String code, int status, String message) {
        this(code, status, message, status < 500);
    }

    SnsError(String code, int status, String message, boolean senderFault) {
        super(message);
        this.code = code;
        this.status = status;
        this.senderFault = senderFault;
    }

    static SnsError invalidParameter(String message) {
        return new SnsError("InvalidParameter", 400, "Invalid parameter: " + message);
    }

    static SnsError notFound(String message) {
        return new SnsError("NotFound", 404, message);
    }
}
