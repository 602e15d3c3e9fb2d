package io.zerosync.kernel.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A re-import job as operators see it. Counters are kept by the job store with atomic adds, so workers
 * running in parallel never lose or double an update. {@code failedIds} is a sample (the first
 * {@link #FAILED_IDS_CAP}); {@code failed} is the exact count. {@code reason} says why a job failed when
 * no single entity did (lease expired, a task exhausted its retries); while the job runs, it is the last
 * error a task was retried for. {@code heartbeatAt} is the last time a worker made progress.
 * {@code drift} is a reconcile job's count per drift class (see {@link Drift#CLASSES}); empty otherwise.
 */
public record ReimportJob(String jobId, String view, ReimportScope scope, ReimportMode mode, JobState state,
                          Instant createdAt, Instant finishedAt, Long total, long processed, long failed,
                          List<String> failedIds, int tasks, int tasksDone, String reason, Instant heartbeatAt,
                          Map<String, Long> drift) {
    /** Failed IDs kept for the operator; the count goes on past it. */
    public static final int FAILED_IDS_CAP = 100;

    public ReimportJob {
        failedIds = List.copyOf(failedIds);
        Map<String, Long> counts = new LinkedHashMap<>();
        if (mode != null && mode.reconciles()) {
            for (String c : Drift.CLASSES) {
                counts.put(c, drift == null ? 0L : drift.getOrDefault(c, 0L));
            }
        }
        drift = java.util.Collections.unmodifiableMap(counts);
    }

    /** A job without drift counts (a re-import, or a reconcile that has counted nothing yet). */
    public ReimportJob(String jobId, String view, ReimportScope scope, ReimportMode mode, JobState state,
                       Instant createdAt, Instant finishedAt, Long total, long processed, long failed,
                       List<String> failedIds, int tasks, int tasksDone, String reason, Instant heartbeatAt) {
        this(jobId, view, scope, mode, state, createdAt, finishedAt, total, processed, failed, failedIds, tasks,
                tasksDone, reason, heartbeatAt, Map.of());
    }

    /** Drift found in all classes together (0 for a re-import). */
    public long driftTotal() {
        return drift.values().stream().mapToLong(Long::longValue).sum();
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
