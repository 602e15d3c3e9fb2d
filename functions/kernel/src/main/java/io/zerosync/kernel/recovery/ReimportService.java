package io.zerosync.kernel.recovery;


import io.zerosync.kernel.port.JobStore;
import io.zerosync.kernel.port.TaskQueue;
import io.zerosync.kernel.port.ViewCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts, inspects and cancels re-import jobs. A job is cut into tasks (scan segments, a window, ID
 * chunks, orphan sweeps) that the worker processes from a queue, so a job outlives any one Lambda.
 */
public final class ReimportService {
    /** IDs per task message: well inside SQS's 256 KB and one worker's time budget. */
    static final int IDS_PER_TASK = 1000;
    /**
     * Entities per scan segment we aim for: segments run in parallel on up to the worker's concurrency, so a job
     * of a few thousand entities already uses several workers.
     */
    static final long ROWS_PER_SEGMENT = 1_000;
    static final int MAX_SEGMENTS = ReimportScope.Full.MAX_SEGMENTS;
    /** Planning figure for dry runs, from the local benchmark (rebuild, one worker); see README. */
    static final double ASSUMED_ROWS_PER_SECOND = 400;

    private final JobStore jobs;
    private final TaskQueue tasks;
    private final ViewCatalog views;
    private final Clock clock;
    private final JobWatchdog watchdog;

    public ReimportService(JobStore jobs, TaskQueue tasks, ViewCatalog views, Clock clock) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.views = views;
        this.clock = clock;
        this.watchdog = new JobWatchdog(jobs, clock);
    }

    /** @param entities entities to visit over all the views (an ID in two views counts twice) */
    public record Estimate(long entities, long sourceCalls, long durationSeconds) {
    }

    public Estimate estimate(String view, ReimportScope scope) {
        List<String> names = views.resolve(view);
        long entities = 0;
        long calls = 0;
        for (String name : names) {
            // A window's size is unknown without reading it; the whole store is its upper bound.
            long count = scope instanceof ReimportScope.Ids ids ? ids.ids().size()
                    : views.get(name).source().approximateCount();
            entities += count;
            calls += (count + 99) / 100 + (scope instanceof ReimportScope.Ids ? 0 : (count + 999) / 1000 + 1);
        }
        return new Estimate(entities, calls, (long) Math.ceil(entities / ASSUMED_ROWS_PER_SECOND));
    }

    /**
     * Starts a reconcile job on one view: compares page by page, stores the drift found (see
     * {@link JobStore#driftPage}) and, with {@code repair}, repairs each page's drift as it goes.
     */
    public ReimportJob startReconcile(String view, ReimportScope scope, boolean repair) {
        return start(views.get(view).name(), scope, repair ? ReimportMode.RECONCILE_REPAIR : ReimportMode.RECONCILE);
    }

    /** A page of the drift a reconcile job stored for one class. */
    public JobStore.DriftPage drift(String jobId, String driftClass, String cursor, int limit) {
        return jobs.driftPage(jobId, driftClass, cursor, limit);
    }

    public ReimportJob start(String view, ReimportScope scope, ReimportMode mode) {
        List<String> names = mode.reconciles() ? List.of(views.get(view).name()) : views.resolve(view);
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        List<ReimportTask> plan = new ArrayList<>();
        Long total = null;
        for (String name : names) {
            if (scope instanceof ReimportScope.Full full) {
                long count = views.get(name).source().approximateCount();
                total = (total == null ? 0 : total) + count;
                int segments = full.segments() != null ? full.segments() : segmentsFor(count);
                for (int s = 0; s < segments; s++) {
                    plan.add(ReimportTask.segment(jobId, name, mode, s, segments));
                }
                // A full re-import also removes rows whose entity the source no longer has; a full reconcile
                // sweeps the view in as many segments as the source, since every row is read.
                int sweeps = mode.reconciles() ? segments : 1;
                for (int s = 0; s < sweeps; s++) {
                    plan.add(ReimportTask.orphanSweep(jobId, name, mode, s, sweeps));
                }
            } else if (scope instanceof ReimportScope.Ids ids) {
                total = (total == null ? 0 : total) + ids.ids().size();
                for (int from = 0, chunk = 0; from < ids.ids().size(); from += IDS_PER_TASK, chunk++) {
                    plan.add(ReimportTask.ids(jobId, name, mode, chunk,
                            ids.ids().subList(from, Math.min(ids.ids().size(), from + IDS_PER_TASK))));
                }
            } else if (scope instanceof ReimportScope.Updated u) {
                plan.add(ReimportTask.window(jobId, name, mode, u.from(), u.to()));
            }
        }
        Instant now = clock.instant();
        ReimportJob job = new ReimportJob(jobId, view, scope, mode, JobState.QUEUED, now, null, total, 0, 0,
                List.of(), plan.size(), 0);
        create(job, names);
        try {
            tasks.enqueue(plan);
        } catch (RuntimeException e) {
            jobs.finish(jobId, JobState.FAILED, clock.instant(), "could not enqueue its tasks: " + e.getMessage());
            throw e;
        }
        return job;
    }

    /**
     * Creates the job, taking over views whose holder's lease ran out (that job is failed first): the
     * watchdog would free them within a minute anyway, and the operator asking now should not wait.
     */
    private void create(ReimportJob job, List<String> names) {
        for (int attempt = 0; ; attempt++) {
            try {
                jobs.create(job, names);
                return;
            } catch (JobAlreadyRunningException busy) {
                if (attempt >= names.size() || !watchdog.freeIfLapsed(busy.view(), busy.jobId())) {
                    throw busy;
                }
            }
        }
    }

    /** Enough segments that each holds about {@link #ROWS_PER_SEGMENT} entities, within 1 to {@link #MAX_SEGMENTS}. */
    static int segmentsFor(long entities) {
        return (int) Math.max(1, Math.min(MAX_SEGMENTS, entities / ROWS_PER_SEGMENT));
    }

    public Optional<ReimportJob> get(String jobId) {
        return jobs.get(jobId);
    }

    public List<ReimportJob> recent(int limit) {
        return jobs.recent(limit);
    }

    /** Cancels an unfinished job; workers stop at their next page. Finished jobs stay as they were. */
    public Optional<ReimportJob> cancel(String jobId) {
        Optional<ReimportJob> job = jobs.get(jobId);
        job.filter(j -> !j.state().finished()).ifPresent(j -> jobs.finish(jobId, JobState.CANCELLED, clock.instant()));
        return jobs.get(jobId);
    }
}
