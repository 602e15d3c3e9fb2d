package io.zerosync.kernel.input;

/** What was asked for does not exist (an unknown view, a row a view does not hold); HTTP answers 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
