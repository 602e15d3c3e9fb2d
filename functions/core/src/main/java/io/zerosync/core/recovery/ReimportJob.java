package io.zerosync.core.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A re-import job as operators see it. Counters are kept by the job store with atomic adds, so workers
 * running in parallel never lose or double an update. {@code failedIds} is a sample (the first
 * {@link #FAILED_IDS_CAP}); {@code failed} is the exact count. {@code reason} says why a job failed when
 * no single shop did (lease expired, a task exhausted its retries); while the job runs, it is the last
 * error a task was retried for. {@code heartbeatAt} is the last time a worker made progress.
 */
public record ReimportJob(String jobId, String view, ReimportScope scope, ReimportMode mode, JobState state,
                          Instant createdAt, Instant finishedAt, Long total, long processed, long failed,
                          List<String> failedIds, int tasks, int tasksDone, String reason, Instant heartbeatAt) {
    /** Failed IDs kept for the operator; the count goes on past it. */
    public static final int FAILED_IDS_CAP = 100;

    public ReimportJob {
        failedIds = List.copyOf(failedIds);
    }

    /** A job without a failure reason or heartbeat yet (a new one). */
    public ReimportJob(String jobId, String view, ReimportScope scope, ReimportMode mode, JobState state,
                       Instant createdAt, Instant finishedAt, Long total, long processed, long failed,
                       List<String> failedIds, int tasks, int tasksDone) {
        this(jobId, view, scope, mode, state, createdAt, finishedAt, total, processed, failed, failedIds, tasks,
                tasksDone, null, null);
    }

    public double ratePerSecond(Instant now) {
        Instant end = finishedAt != null ? finishedAt : now;
        double seconds = Math.max(0.001, Duration.between(createdAt, end).toMillis() / 1000.0);
        return processed / seconds;
    }

    /** Seconds to go at the current rate; null when unknown or finished. */
    public Long etaSeconds(Instant now) {
        double rate = ratePerSecond(now);
        if (state.finished() || total == null || rate <= 0) {
            return null;
        }
        return Math.max(0, Math.round((total - processed) / rate));
    }
}
