package io.zerosync.local.esm;

import java.util.Objects;
import java.util.Set;

/**
 * What an invocation means for the messages of its batch: all succeeded (delete them all), some
 * failed (delete the rest), or the whole batch failed (delete nothing; every message comes back after
 * its visibility timeout and counts towards the queue's maxReceiveCount).
 */
public record BatchOutcome(boolean wholeBatchFailed, Set<String> failedMessageIds, String reason) {

    public BatchOutcome {
        failedMessageIds = Set.copyOf(Objects.requireNonNull(failedMessageIds, "failedMessageIds"));
    }

    public static BatchOutcome allSucceeded() {
        return new BatchOutcome(false, Set.of(), null);
    }

    public static BatchOutcome wholeBatchFailed(String reason) {
        return new BatchOutcome(true, Set.of(), reason);
    }

    public static BatchOutcome someFailed(Set<String> failedMessageIds) {
        return failedMessageIds.isEmpty()
                ? allSucceeded()
                : new BatchOutcome(false, failedMessageIds, "handler reported " + failedMessageIds.size() + " item failure(s)");
    }

    public boolean shouldDelete(String messageId) {
        return !wholeBatchFailed && !failedMessageIds.contains(messageId);
    }
}
