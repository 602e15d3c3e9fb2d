package io.zerosync.shop.port;

/** Another create claimed the idempotency key first. */
public class IdempotencyKeyTakenException extends RuntimeException {
    public IdempotencyKeyTakenException(String key) {
        super("idempotency key already claimed: " + key);
    }
}
