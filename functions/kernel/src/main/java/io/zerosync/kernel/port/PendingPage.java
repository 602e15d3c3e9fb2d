package io.zerosync.kernel.port;

import java.util.List;

/**
 * One page of the outbox, oldest first: the readable pending changes, the items that could not be read,
 * and the cursor of the next page ({@code null} on the last one).
 */
public record PendingPage(List<PendingAnnouncement> pending, List<UnreadablePending> unreadable, String next) {
    public PendingPage {
        pending = List.copyOf(pending);
        unreadable = List.copyOf(unreadable);
    }
}
