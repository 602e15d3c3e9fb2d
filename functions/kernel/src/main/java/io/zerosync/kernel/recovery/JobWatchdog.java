package io.zerosync.kernel.recovery;

import io.zerosync.kernel.port.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Ends jobs that can no longer make progress, so no view stays locked for ever: a job whose workers
 * stopped renewing its lease (the task message was lost, the worker is disabled or keeps dying) and a job
 * one of whose tasks exhausted its retries. Runs on a schedule, from the task DLQ's consumer, and when a
 * new job finds its view held by a lapsed lease.
 */
public final class JobWatchdog {
    private final JobStore jobs;
    private final Clock clock;

    public JobWatchdog(JobStore jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** @return how many unfinished jobs were failed because their lease ran out */
    public int expireLapsedLeases() {
        Instant now = clock.instant();
        int failed = 0;
        for (JobStore.Lease lease : jobs.leases()) {
            if (lease.expiredAt(now) && failIfLapsed(lease, now)) {
                failed++;
            }
        }
        return failed;
    }

    /**
     * Frees {@code view} from {@code jobId} if that job's lease ran out (the job store checks the job's own
     * lease, as renewed up to now). True when the view is free now: the job was failed, or had already
     * ended and left its lock behind.
     */
    public boolean freeIfLapsed(String view, String jobId) {
        return jobs.expire(new JobStore.Lease(view, jobId, null), clock.instant(), lapsedReason(jobs.get(jobId)));
    }

    /** A task moved to the task DLQ: its job cannot complete, so it ends failed and frees its views. */
    public void failExhaustedTask(ReimportTask task) {
        String lastError = jobs.get(task.jobId()).filter(j -> !j.state().finished()).map(ReimportJob::reason)
                .orElse(null);
        jobs.finish(task.jobId(), JobState.FAILED, clock.instant(),
                "task " + task.taskId() + " exhausted its retries (moved to ReimportTaskDlq)"
                        + (lastError == null ? "" : "; last error: " + lastError));
    }

    private boolean failIfLapsed(JobStore.Lease lease, Instant now) {
        Optional<ReimportJob> job = jobs.get(lease.jobId());
        boolean unfinished = job.isPresent() && !job.get().state().finished();
        return jobs.expire(lease, now, lapsedReason(job)) && unfinished;
    }

    private static String lapsedReason(Optional<ReimportJob> job) {
        Instant since = job.map(j -> j.heartbeatAt() != null ? j.heartbeatAt() : j.createdAt()).orElse(null);
        return "lease expired: no worker progress since " + since;
    }
}
