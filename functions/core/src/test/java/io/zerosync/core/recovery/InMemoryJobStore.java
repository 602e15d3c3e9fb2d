package io.zerosync.core.recovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** JobStore semantics (locks, conditional checkpoints) in memory, for the recovery use-case tests. */
final class InMemoryJobStore implements JobStore {
    final Map<String, ReimportJob> jobs = new HashMap<>();
    final Map<String, String> locks = new HashMap<>();
    final Map<String, Collection<String>> viewsOf = new HashMap<>();
    final Map<String, Checkpoint> checkpoints = new HashMap<>();

    @Override
    public synchronized void create(ReimportJob job, Collection<String> views) {
        for (String v : views) {
            if (locks.containsKey(v)) {
                throw new JobAlreadyRunningException(v, locks.get(v));
            }
        }
        views.forEach(v -> locks.put(v, job.jobId()));
        viewsOf.put(job.jobId(), List.copyOf(views));
        jobs.put(job.jobId(), job);
    }

    @Override
    public synchronized Optional<ReimportJob> get(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public synchronized List<ReimportJob> recent(int limit) {
        return jobs.values().stream().sorted(Comparator.comparing(ReimportJob::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized Optional<Checkpoint> checkpoint(String taskId) {
        return Optional.ofNullable(checkpoints.get(taskId));
    }

    @Override
    public synchronized Optional<ReimportJob> advance(String jobId, String taskId, String expectedCursor, Progress p) {
        Checkpoint current = checkpoints.get(taskId);
        boolean matches = current == null ? expectedCursor == null
                : !current.done() && Objects.equals(current.cursor(), expectedCursor);
        if (!matches) {
            return Optional.empty();
        }
        checkpoints.put(taskId, new Checkpoint(p.nextCursor(), p.done()));
        ReimportJob j = jobs.get(jobId);
        List<String> failedIds = new ArrayList<>(new LinkedHashSet<>(j.failedIds()));
        failedIds.addAll(p.failedIds());
        ReimportJob next = new ReimportJob(j.jobId(), j.view(), j.scope(), j.mode(), j.state(), j.createdAt(),
                j.finishedAt(), j.total(), j.processed() + p.processed(), j.failed() + p.failed(), failedIds,
                j.tasks(), j.tasksDone() + (p.done() ? 1 : 0));
        jobs.put(jobId, next);
        return Optional.of(next);
    }

    @Override
    public synchronized void markRunning(String jobId, Instant at) {
        ReimportJob j = jobs.get(jobId);
        if (j.state() == JobState.QUEUED) {
            jobs.put(jobId, with(j, JobState.RUNNING, null));
        }
    }

    @Override
    public synchronized void finish(String jobId, JobState state, Instant at) {
        ReimportJob j = jobs.get(jobId);
        if (j.state().finished()) {
            return;
        }
        jobs.put(jobId, with(j, state, at));
        viewsOf.get(jobId).forEach(v -> locks.remove(v, jobId));
    }

    private static ReimportJob with(ReimportJob j, JobState state, Instant finishedAt) {
        return new ReimportJob(j.jobId(), j.view(), j.scope(), j.mode(), state, j.createdAt(), finishedAt, j.total(),
                j.processed(), j.failed(), j.failedIds(), j.tasks(), j.tasksDone());
    }
}
