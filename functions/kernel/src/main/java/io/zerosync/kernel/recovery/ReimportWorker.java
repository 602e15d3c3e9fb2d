package io.zerosync.kernel.recovery;

import io.zerosync.kernel.port.JobStore;
import io.zerosync.kernel.port.TaskQueue;
import io.zerosync.kernel.port.ViewCatalog;
import io.zerosync.kernel.port.ViewQueues;
import io.zerosync.kernel.entity.Entity;
import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import io.zerosync.kernel.port.SourceReader;
import io.zerosync.kernel.port.ViewStore;
import io.zerosync.kernel.sync.Gate;
import io.zerosync.kernel.sync.SyncEngine;
import io.zerosync.kernel.sync.SyncReport;
import io.zerosync.kernel.sync.View;
import io.zerosync.events.EntityChanged;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Processes one re-import task page by page, inside a time budget. After each page it checkpoints the
 * cursor and adds the page's counts in one atomic step; when the budget runs low it sends itself a
 * continuation. A worker that dies, or whose checkpoint write fails for any reason but "another delivery
 * is ahead", is redelivered the same task and resumes from the checkpoint. Every page renews the job's
 * lease on its views.
 * Every page ends in {@code sync(view, ids)} (rebuild) or in zero-payload events to one view's queue
 * (republish); a reconcile job's page compares and records drift instead (see {@link ReconcilePages}).
 */
public final class ReimportWorker {
    static final int PAGE = 500;
    /**
     * Entities per export page. Up to the source's 1,000 would save a checkpoint, a lease renewal and an export
     * call per 1,000 rows (under 1% of a page's calls) but makes a checkpoint ten times coarser; not worth it.
     */
    static final int EXPORT_PAGE = PAGE;

    private final JobStore jobs;
    private final TaskQueue tasks;
    private final ViewCatalog views;
    private final SyncEngine engine;
    private final ViewQueues queues;
    private final Clock clock;
    private final ReconcilePages reconciles;

    public ReimportWorker(JobStore jobs, TaskQueue tasks, ViewCatalog views, SyncEngine engine, ViewQueues queues,
                          Clock clock) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.views = views;
        this.engine = engine;
        this.queues = queues;
        this.clock = clock;
        this.reconciles = new ReconcilePages(engine, PAGE);
    }

    public enum Outcome { DONE, CONTINUED, STOPPED }

    /**
     * @param timeLeft true while there is time for one more page
     * @throws RuntimeException when the task must be retried from its checkpoint (the error is noted on the job)
     */
    public Outcome process(ReimportTask task, BooleanSupplier timeLeft) {
        try {
            return resume(task, timeLeft);
        } catch (RuntimeException e) {
            try {
                jobs.noteError(task.jobId(), task.taskId() + ": " + e);
            } catch (RuntimeException alsoFailing) {
                e.addSuppressed(alsoFailing);
            }
            throw e;
        }
    }

    private Outcome resume(ReimportTask task, BooleanSupplier timeLeft) {
        Optional<ReimportJob> job = jobs.get(task.jobId());
        if (job.isEmpty() || job.get().state().finished()) {
            return Outcome.STOPPED; // unknown or cancelled job: drop the task
        }
        if (job.get().state() == JobState.QUEUED) {
            jobs.markRunning(task.jobId(), clock.instant());
        }
        View<?> view = views.get(task.view());
        Optional<JobStore.Checkpoint> checkpoint = jobs.checkpoint(task.taskId());
        if (checkpoint.map(JobStore.Checkpoint::done).orElse(false)) {
            return Outcome.DONE;
        }
        String cursor = checkpoint.map(JobStore.Checkpoint::cursor).orElse(null);
        while (true) {
            // The heartbeat keeps the job's view lease alive; a worker that stops renewing it (lost
            // message, disabled function) lets the watchdog fail the job and free the view.
            jobs.renew(task.jobId(), clock.instant());
            JobStore.Progress progress = task.mode().reconciles() ? reconciles.page(task, view, cursor)
                    : reimport(task, view, cursor);
            boolean done = progress.done();
            Optional<ReimportJob> after = jobs.advance(task.jobId(), task.taskId(), cursor, progress);
            if (after.isEmpty()) {
                // Another delivery of this task is ahead of us, or the job is gone. Any other failure of
                // the advance throws: the message is retried and resumes from the unchanged checkpoint.
                return Outcome.STOPPED;
            }
            if (after.get().state().finished()) {
                return Outcome.STOPPED; // cancelled while we worked
            }
            if (done) {
                if (after.get().tasksDone() >= after.get().tasks()) {
                    jobs.finish(task.jobId(), after.get().failed() > 0 ? JobState.FAILED : JobState.SUCCEEDED,
                            clock.instant());
                }
                return Outcome.DONE;
            }
            cursor = progress.nextCursor();
            if (!timeLeft.getAsBoolean()) {
                tasks.enqueue(List.of(task));
                return Outcome.CONTINUED;
            }
        }
    }

    private <E extends Entity> JobStore.Progress reimport(ReimportTask task, View<E> view, String cursor) {
        Page<E> page = page(task, view, cursor);
        Set<String> failed = apply(task, view, page);
        return new JobStore.Progress(page.next(), page.next() == null, page.counted(), failed.size(),
                failed.stream().limit(ReimportJob.FAILED_IDS_CAP).toList());
    }

    /**
     * IDs to bring up to date, with the versions we know (to announce when republishing), the number
     * of entities this page counts as processed, and the next cursor.
     */
    private record Page<E extends Entity>(List<String> ids, Map<String, Long> versions, int counted, String next,
                                          List<E> states) {
        Page(List<String> ids, Map<String, Long> versions, int counted, String next) {
            this(ids, versions, counted, next, null);
        }
    }

    private <E extends Entity> Page<E> page(ReimportTask task, View<E> view, String cursor) {
        return switch (task.kind()) {
            // A segment's page is read consistently from the write store: its states are the source's truth
            // and a rebuild writes them as they are. A window's comes from an index that may lag, so its IDs
            // are fetched again.
            case SEGMENT -> exported(view.source().export(new ExportQuery(null, null, task.segment(), task.totalSegments(),
                    cursor, EXPORT_PAGE)), true);
            case WINDOW -> exported(view.source().export(new ExportQuery(task.from(), task.to(), 0, 1, cursor, EXPORT_PAGE)),
                    false);
            case IDS -> {
                int from = cursor == null ? 0 : Integer.parseInt(cursor);
                int to = Math.min(task.ids().size(), from + PAGE);
                List<String> ids = task.ids().subList(from, to);
                yield new Page<>(ids, Map.of(), ids.size(), to < task.ids().size() ? Integer.toString(to) : null);
            }
            case ORPHAN_SWEEP -> orphans(view, view.store().scan(task.segment(), task.totalSegments(), cursor, PAGE));
        };
    }

    private static <E extends Entity> Page<E> exported(ExportPage<E> export, boolean current) {
        List<String> ids = new ArrayList<>();
        Map<String, Long> versions = new java.util.HashMap<>();
        for (E entity : export.entities()) {
            ids.add(entity.id());
            versions.put(entity.id(), entity.version());
        }
        return new Page<>(ids, versions, ids.size(), export.nextCursor(), current ? export.entities() : null);
    }

    /** Live view rows whose entity the source does not have (unknown, or deleted). */
    private static <E extends Entity> Page<E> orphans(View<E> view, ViewStore.StatePage rows) {
        List<String> live = rows.rows().stream().filter(r -> !r.deleted()).map(ViewStore.RowState::id).toList();
        List<String> orphans = new ArrayList<>();
        Map<String, Long> versions = new java.util.HashMap<>();
        for (int from = 0; from < live.size(); from += SourceReader.MAX_BATCH) {
            SourceReader.Batch<E> batch = view.source().batchGet(
                    live.subList(from, Math.min(live.size(), from + SourceReader.MAX_BATCH)));
            orphans.addAll(batch.missing());
            versions.putAll(batch.tombstones());
        }
        return new Page<>(orphans, versions, orphans.size(), rows.nextCursor());
    }

    private <E extends Entity> Set<String> apply(ReimportTask task, View<E> view, Page<E> page) {
        Set<String> failed = new LinkedHashSet<>();
        if (page.ids().isEmpty()) {
            return failed;
        }
        List<String> direct = page.ids();
        if (task.mode() == ReimportMode.REPUBLISH) {
            Map<String, Long> versions = page.versions().isEmpty() ? lookUpVersions(view, page.ids()) : page.versions();
            List<EntityChanged> events = new ArrayList<>();
            direct = new ArrayList<>();
            for (String id : page.ids()) {
                Long version = versions.get(id);
                if (version != null) {
                    events.add(EntityChanged.of(view.source().entityType(), id, version, clock.instant()));
                } else {
                    // The source knows nothing of this entity, so there is no version to announce; only
                    // this view is touched either way.
                    direct.add(id);
                }
            }
            queues.republish(task.view(), events, task.jobId());
        }
        if (!direct.isEmpty()) {
            SyncReport report = task.mode() == ReimportMode.REBUILD && page.states() != null
                    ? engine.syncStates(view, page.states(), Gate.REBUILD)
                    : engine.syncIds(view, direct, Gate.REBUILD);
            report.failures().forEach(f -> failed.add(f.id()));
        }
        return failed;
    }

    private static <E extends Entity> Map<String, Long> lookUpVersions(View<E> view, List<String> ids) {
        Map<String, Long> versions = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += SourceReader.MAX_BATCH) {
            SourceReader.Batch<E> batch = view.source().batchGet(
                    ids.subList(from, Math.min(ids.size(), from + SourceReader.MAX_BATCH)));
            batch.entities().forEach(e -> versions.put(e.id(), e.version()));
            versions.putAll(batch.tombstones());
        }
        return versions;
    }
}
