package io.zerosync.core.sync;

/**
 * One input to {@code sync}: a shop ID, the version it was announced at (0 when unknown, as in a
 * re-import), and the caller's reference to report failures against (an SQS message ID, a job task).
 */
public record SyncRequest(String ref, String shopId, long announcedVersion) {
    public static SyncRequest of(String shopId) {
        return new SyncRequest(shopId, shopId, 0);
    }
}
