package io.zerosync.kernel.sync;

/**
 * One input to {@code sync}: an entity ID, the version it was announced at (0 when unknown, as in a
 * re-import), and the caller's reference to report failures against (an SQS message ID, a job task).
 */
public record SyncRequest(String ref, String id, long announcedVersion) {
    public static SyncRequest of(String id) {
        return new SyncRequest(id, id, 0);
    }
}
