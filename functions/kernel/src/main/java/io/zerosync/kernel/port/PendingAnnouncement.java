package io.zerosync.kernel.port;

import java.time.Instant;

/** What the outbox sweeper needs of a change still waiting for its announcement, and nothing more. */
public record PendingAnnouncement(String id, long version, Instant updatedAt) {
}
