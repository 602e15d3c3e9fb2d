package io.zerosync.kernel.outbox;

import io.zerosync.kernel.port.ChangeAnnouncer;
import io.zerosync.kernel.port.Outbox;
import io.zerosync.kernel.port.PendingAnnouncement;
import io.zerosync.kernel.port.PendingPage;
import io.zerosync.kernel.port.UnreadablePending;
import io.zerosync.events.EntityChanged;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox sweeper: re-announces changes whose announcement did not go out (the publish failed, or the
 * function died between the write and the publish). A grace period leaves in-flight commands time to
 * announce their own writes; a duplicate announcement is harmless anyway.
 *
 * <p>Failures are isolated per item: an item that cannot be read, or whose publish fails, is reported with
 * its ID and stays pending, and the sweep goes on with the next one. The sweep pages with the outbox's
 * cursor, so whatever stays pending is passed over, not re-read.
 */
public final class AnnouncementSweeper {
    private static final int PAGE = 100;
    /** After this many failed publishes in a row SNS is down, not one item: stop trying until the next run. */
    public static final int MAX_PUBLISH_FAILURES_IN_A_ROW = 5;

    private final Outbox outbox;
    private final String entityType;
    private final ChangeAnnouncer announcer;
    private final Clock clock;

    /** @param entityType the type of the entities {@code outbox} holds, as announced */
    public AnnouncementSweeper(Outbox outbox, String entityType, ChangeAnnouncer announcer, Clock clock) {
        this.outbox = outbox;
        this.entityType = entityType;
        this.announcer = announcer;
        this.clock = clock;
    }

    /** Announces every pending change older than {@code grace}; reports what it saw and what failed. */
    public SweepReport sweep(Duration grace) {
        Instant now = clock.instant();
        Instant before = now.minus(grace);
        List<SweepReport.Failure> failures = new ArrayList<>();
        int pending = 0;
        int announced = 0;
        int notAttempted = 0;
        int failedInARow = 0;
        Instant oldest = null;
        String cursor = null;
        do {
            PendingPage page = outbox.pendingAnnouncements(before, cursor, PAGE);
            for (UnreadablePending bad : page.unreadable()) {
                failures.add(new SweepReport.Failure(bad.id(), SweepReport.Kind.UNREADABLE, bad.reason()));
            }
            for (PendingAnnouncement change : page.pending()) {
                pending++;
                oldest = oldest == null || change.updatedAt().isBefore(oldest) ? change.updatedAt() : oldest;
                if (failedInARow >= MAX_PUBLISH_FAILURES_IN_A_ROW) {
                    notAttempted++;
                    continue;
                }
                try {
                    announcer.announce(EntityChanged.of(entityType, change.id(), change.version(), change.updatedAt()));
                    outbox.markAnnounced(change.id(), change.version());
                    announced++;
                    failedInARow = 0;
                } catch (RuntimeException e) {
                    failures.add(new SweepReport.Failure(change.id(), SweepReport.Kind.PUBLISH_FAILED,
                            String.valueOf(e.getMessage())));
                    failedInARow++;
                }
            }
            cursor = page.next();
        } while (cursor != null);
        Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
        return new SweepReport(pending, age, announced, failures, notAttempted);
    }
}
