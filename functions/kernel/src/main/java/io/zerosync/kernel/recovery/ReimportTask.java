package io.zerosync.kernel.recovery;

import java.time.Instant;
import java.util.List;

/**
 * One unit of a job's work, small enough for one message: a scan segment of the source, an updated
 * window, a chunk of IDs, or a sweep of the view for orphans. Its progress (cursor) lives in the job
 * store, not in the message, so a redelivered message resumes from the last checkpoint.
 */
public record ReimportTask(String taskId, String jobId, String view, ReimportMode mode, Kind kind,
                           int segment, int totalSegments, Instant from, Instant to, List<String> ids) {

    public enum Kind { SEGMENT, WINDOW, IDS, ORPHAN_SWEEP }

    public ReimportTask {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    public static ReimportTask segment(String jobId, String view, ReimportMode mode, int segment, int total) {
        return new ReimportTask(jobId + ":" + view + ":s" + segment, jobId, view, mode, Kind.SEGMENT, segment, total,
                null, null, null);
    }

    public static ReimportTask window(String jobId, String view, ReimportMode mode, Instant from, Instant to) {
        return new ReimportTask(jobId + ":" + view + ":w", jobId, view, mode, Kind.WINDOW, 0, 1, from, to, null);
    }

    public static ReimportTask ids(String jobId, String view, ReimportMode mode, int chunk, List<String> ids) {
        return new ReimportTask(jobId + ":" + view + ":i" + chunk, jobId, view, mode, Kind.IDS, 0, 1, null, null, ids);
    }

    public static ReimportTask orphanSweep(String jobId, String view, ReimportMode mode, int segment, int total) {
        return new ReimportTask(jobId + ":" + view + ":o" + segment, jobId, view, mode,
                Kind.ORPHAN_SWEEP, segment, total, null, null, null);
    }
}
