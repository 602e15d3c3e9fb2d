package io.zerosync.shop.query;

/**
 * The caller asked for at least version {@code wanted} (read-your-writes) and the view is not there
 * yet. Not an error of the caller's: the change is on its way.
 */
public class NotYetSyncedException extends RuntimeException {
    private final long wanted;
    private final long current;

    public NotYetSyncedException(String shopId, long wanted, long current) {
        super("shop " + shopId + " is at version " + current + " in this view; version " + wanted
                + " is being synced, retry shortly");
        this.wanted = wanted;
        this.current = current;
    }

    public long wanted() {
        return wanted;
    }

    /** 0 when the view has no row yet. */
    public long current() {
        return current;
    }
}
