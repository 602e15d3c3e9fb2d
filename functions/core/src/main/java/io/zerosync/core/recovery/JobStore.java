package io.zerosync.core.recovery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where jobs, their per-view locks and their tasks' checkpoints live. */
public interface JobStore {

    /**
     * Stores a new job and takes a lock on each of its views atomically.
     *
     * @throws JobAlreadyRunningException when one of the views has an unfinished job
     */
    void create(ReimportJob job, Collection<String> views);

    Optional<ReimportJob> get(String jobId);

    /** Most recent first. */
    List<ReimportJob> recent(int limit);

    /** Where a task got to; empty when it has not started. */
    Optional<Checkpoint> checkpoint(String taskId);

    /**
     * Atomically moves the task's checkpoint from {@code expectedCursor} to the progress' next cursor and
     * adds its counters to the job. Empty when the checkpoint was no longer at {@code expectedCursor}
     * (another delivery of the same task got there first): nothing is counted twice.
     */
    Optional<ReimportJob> advance(String jobId, String taskId, String expectedCursor, Progress progress);

    void markRunning(String jobId, Instant at);

    /** Ends the job (if not already ended) and releases its view locks. */
    void finish(String jobId, JobState state, Instant at);

    record Checkpoint(String cursor, boolean done) {
    }

    record Progress(String nextCursor, boolean done, int processed, int failed, List<String> failedIds) {
        public Progress {
            failedIds = List.copyOf(failedIds);
        }
    }
}
