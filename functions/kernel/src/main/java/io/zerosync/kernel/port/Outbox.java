package io.zerosync.kernel.port;

import java.time.Instant;

/**
 * The write store's outbox as the sweeper needs it: every write is stored marked pending, and the
 * mark is cleared once its announcement went out.
 */
public interface Outbox {
    /** Pending changes written before {@code before}, oldest first, a page at a time. */
    PendingPage pendingAnnouncements(Instant before, String cursor, int limit);

    /** Clears the pending mark, unless the entity has moved past {@code version} since (its own write announces it). */
    void markAnnounced(String id, long version);
}
