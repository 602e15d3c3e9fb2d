package io.zerosync.functions.http;

import io.zerosync.kernel.input.InvalidInputException;

/** A request body above {@link JsonBodies#MAX_BYTES}: answered 413, refused before it is parsed. */
public class BodyTooLargeException extends InvalidInputException {
    public BodyTooLargeException(String message) {
        super("body_too_large", message);
    }
}
