package io.zerosync.kernel.input;

/**
 * Input that breaks a rule of the contract. {@code code} is the machine-readable error code the HTTP
 * layer puts in {@code {"error": code, "message": ...}}; nothing has been changed when this is thrown.
 */
public class InvalidInputException extends RuntimeException {
    private final String code;

    public InvalidInputException(String code, String message) {
        super(message);
        this.code = code;
    }

    public static InvalidInputException invalid(String field, String rule) {
        return new InvalidInputException("invalid_field", field + " " + rule);
    }

    public String code() {
        return code;
    }
}
