package io.zerosync.kernel.port;

import io.zerosync.events.EntityChanged;

import java.util.List;

/** One view's queue and DLQ: republish to it alone, move its DLQ back, and report its depth. */
public interface ViewQueues {

    /** Sends the events to this view's queue only (no SNS), tagged with the job that sent them. */
    void republish(String view, List<EntityChanged> events, String jobId);

    /** Moves every message of the view's DLQ back to its queue; answers how many moved. */
    int redrive(String view);

    QueueStats stats(String view);

    /** {@code oldestAgeSeconds} is null where the platform cannot tell. */
    record QueueStats(long depth, long inFlight, long dlqDepth, Long oldestAgeSeconds) {
    }
}
