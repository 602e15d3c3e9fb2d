package io.zerosync.shop.command;

/** The same Idempotency-Key came back with a different request body. */
public class IdempotencyKeyReusedException extends RuntimeException {
    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key \"" + key + "\" was already used with a different request body");
    }
}
