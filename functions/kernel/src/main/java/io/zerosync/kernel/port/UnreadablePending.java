package io.zerosync.kernel.port;

/**
 * An item marked pending that the store could not read as a {@link PendingAnnouncement} (no version, a
 * version that is not a number, an unparseable timestamp, ...). It cannot be announced; an operator must
 * fix or remove it, so the sweeper reports it with its ID every run.
 */
public record UnreadablePending(String id, String reason) {
}
