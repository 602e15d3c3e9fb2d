package io.zerosync.kernel.port;

import io.zerosync.kernel.recovery.JobState;
import io.zerosync.kernel.recovery.ReimportJob;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where jobs, their per-view locks and their tasks' checkpoints live. A view lock is a lease: it carries
 * an expiry that the job's workers push forward at every page ({@link #renew}); a job whose lease ran out
 * can be failed and its views taken ({@link #expire}).
 */
public interface JobStore {

    /**
     * Stores a new job and takes a lock on each of its views atomically, leased until the store's lease
     * duration after {@code job.createdAt()}.
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
     * adds its counters to the job; adds the progress' failed IDs to the job's sample while it holds fewer
     * than {@link ReimportJob#FAILED_IDS_CAP}. Empty when the checkpoint was no longer at
     * {@code expectedCursor} (another delivery of the same task got there first: nothing is counted twice)
     * or the job is gone. Any other failure (a transaction conflict, throttling, a rejected write) throws,
     * so the task is retried from its checkpoint.
     */
    Optional<ReimportJob> advance(String jobId, String taskId, String expectedCursor, Progress progress);

    void markRunning(String jobId, Instant at);

    /**
     * A worker made progress at {@code at}: records the heartbeat and extends the lease of the job's view
     * locks to the store's lease duration after {@code at}. Does nothing for a finished or unknown job.
     */
    void renew(String jobId, Instant at);

    /**
     * Records, as an unfinished job's {@code reason}, the error a task is being retried for, so operators
     * see it while the job runs and in the reason if the task ends in the DLQ. Best effort.
     */
    void noteError(String jobId, String error);

    /** Ends the job (if not already ended) with a reason for operators (may be null) and releases its view locks. */
    void finish(String jobId, JobState state, Instant at, String reason);

    default void finish(String jobId, JobState state, Instant at) {
        finish(jobId, state, at, null);
    }

    /** Every view lock, with the job holding it and when its lease runs out. */
    List<Lease> leases();

    /**
     * Frees a view whose lease ran out before {@code now}: fails the holding job with {@code reason} if it is
     * unfinished and its lease (as renewed since it was read) really ran out, and releases its locks; a lock
     * left behind by a finished or unknown job is released. False when the lease is still live.
     */
    boolean expire(Lease lease, Instant now, String reason);

    record Checkpoint(String cursor, boolean done) {
    }

    /**
     * One page's worth of a task. {@code drift} (reconcile jobs) holds the page's drifted IDs by class: the
     * store adds their counts to the job and keeps the IDs for {@link #driftPage}, in the same atomic step
     * as the checkpoint.
     */
    record Progress(String nextCursor, boolean done, int processed, int failed, List<String> failedIds,
                    Map<String, List<String>> drift) {
        public Progress {
            failedIds = List.copyOf(failedIds);
            drift = drift == null ? Map.of() : Map.copyOf(drift);
        }

        public Progress(String nextCursor, boolean done, int processed, int failed, List<String> failedIds) {
            this(nextCursor, done, processed, failed, failedIds, Map.of());
        }
    }

    /**
     * A page of the drift a reconcile job stored for one class; {@code nextCursor} null at the end. Pages
     * hold the IDs of whole task pages (up to a task page's size), in no particular order.
     */
    record DriftPage(List<String> ids, String nextCursor) {
        public DriftPage {
            ids = List.copyOf(ids);
        }
    }

    /**
     * Pages through the IDs a reconcile job found in one drift class. {@code cursor} is what the previous
     * page answered (null: from the start); {@code limit} caps the number of stored task pages read.
     *
     * @throws IllegalArgumentException when the cursor is not one this store made for that job and class
     */
    DriftPage driftPage(String jobId, String driftClass, String cursor, int limit);

    /** A view lock: which job holds the view and until when (null: a lock from before leases, expired). */
    record Lease(String view, String jobId, Instant expiresAt) {
        public boolean expiredAt(Instant now) {
            return expiresAt == null || !expiresAt.isAfter(now);
        }
    }
}
