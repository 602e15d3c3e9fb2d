package io.zerosync.shop.command;

/** If-Match named a version the shop is no longer (or not yet) at. */
public class PreconditionFailedException extends RuntimeException {
    private final long currentVersion;

    public PreconditionFailedException(String shopId, long expected, long current) {
        super("shop " + shopId + " is at version " + current + ", not " + expected);
        this.currentVersion = current;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
