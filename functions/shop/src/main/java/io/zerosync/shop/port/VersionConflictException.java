package io.zerosync.shop.port;

/** A conditional write found a different version than it expected. */
public class VersionConflictException extends RuntimeException {
    public VersionConflictException(String shopId, long expected) {
        super("shop " + shopId + " is no longer at version " + expected);
    }
}
