package io.zerosync.kernel.outbox;

import java.time.Duration;
import java.util.List;

/**
 * What one outbox sweep saw and did.
 *
 * @param pending          readable changes that were still pending past the grace period when the sweep saw them
 * @param oldestPendingAge age of the oldest of them (zero when there were none)
 * @param announced        how many of them this sweep announced
 * @param failures         every item the sweep could not announce, with its ID (they stay pending)
 * @param notAttempted     pending changes left alone after too many publishes in a row failed (SNS looks down)
 */
public record SweepReport(int pending, Duration oldestPendingAge, int announced, List<Failure> failures,
                          int notAttempted) {
    public SweepReport {
        failures = List.copyOf(failures);
    }

    /** The sweeper errors of this run: unreadable items and failed publishes. */
    public int errors() {
        return failures.size();
    }

    /** An item the sweep could not announce. */
    public record Failure(String id, Kind kind, String reason) {
    }

    public enum Kind {
        /** The stored item is not a readable pending change; it blocks nothing but needs an operator. */
        UNREADABLE,
        /** The publish (or clearing the mark after it) failed; the next sweep tries again. */
        PUBLISH_FAILED
    }
}
