package io.zerosync.kernel.recovery;

import io.zerosync.kernel.port.JobStore;
import java.time.Duration;
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

/**
 * JobStore semantics (leased locks, conditional checkpoints, a capped failed-ID sample) in memory, for the
 * recovery use-case tests. {@link #failNextAdvance} makes the next advance throw as a transaction conflict
 * would, without changing anything.
 */
public final class InMemoryJobStore implements JobStore {
    final Map<String, ReimportJob> jobs = new HashMap<>();
    final Map<String, Lease> locks = new HashMap<>();
    final Map<String, Collection<String>> viewsOf = new HashMap<>();
    final Map<String, Instant> leaseOf = new HashMap<>();
    final Map<String, Checkpoint> checkpoints = new HashMap<>();
    /** Stored drift pages by "jobId#class", in the order they were stored. */
    final Map<String, List<List<String>>> driftPages = new HashMap<>();
    private final Duration lease;
    private RuntimeException nextAdvanceFailure;

    InMemoryJobStore(Duration lease) {
        this.lease = lease;
    }

    synchronized void failNextAdvance(RuntimeException failure) {
        nextAdvanceFailure = failure;
    }

    @Override
    public synchronized void create(ReimportJob job, Collection<String> views) {
        for (String v : views) {
            if (locks.containsKey(v)) {
                throw new JobAlreadyRunningException(v, locks.get(v).jobId());
            }
        }
        Instant until = job.createdAt().plus(lease);
        views.forEach(v -> locks.put(v, new Lease(v, job.jobId(), until)));
        viewsOf.put(job.jobId(), List.copyOf(views));
        leaseOf.put(job.jobId(), until);
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
        if (nextAdvanceFailure != null) {
            RuntimeException failure = nextAdvanceFailure;
            nextAdvanceFailure = null;
            throw failure;
        }
        Checkpoint current = checkpoints.get(taskId);
        boolean matches = current == null ? expectedCursor == null
                : !current.done() && Objects.equals(current.cursor(), expectedCursor);
        ReimportJob j = jobs.get(jobId);
        if (!matches || j == null) {
            return Optional.empty();
        }
        checkpoints.put(taskId, new Checkpoint(p.nextCursor(), p.done()));
        List<String> failedIds = new ArrayList<>(new LinkedHashSet<>(j.failedIds()));
        p.failedIds().stream().filter(id -> !failedIds.contains(id))
                .limit(Math.max(0, ReimportJob.FAILED_IDS_CAP - failedIds.size())).forEach(failedIds::add);
        ReimportJob next = new ReimportJob(j.jobId(), j.view(), j.scope(), j.mode(), j.state(), j.createdAt(),
                j.finishedAt(), j.total(), j.processed() + p.processed(), j.failed() + p.failed(), failedIds,
                j.tasks(), j.tasksDone() + (p.done() ? 1 : 0), j.reason(), j.heartbeatAt(), addedDrift(j, p));
        p.drift().forEach((c, ids) -> driftPages.computeIfAbsent(jobId + "#" + c, k -> new ArrayList<>()).add(ids));
        jobs.put(jobId, next);
        return Optional.of(next);
    }

    @Override
    public synchronized void markRunning(String jobId, Instant at) {
        ReimportJob j = jobs.get(jobId);
        if (j.state() == JobState.QUEUED) {
            jobs.put(jobId, with(j, JobState.RUNNING, null, null, j.heartbeatAt()));
        }
    }

    @Override
    public synchronized void renew(String jobId, Instant at) {
        ReimportJob j = jobs.get(jobId);
        if (j == null || j.state().finished()) {
            return;
        }
        jobs.put(jobId, with(j, j.state(), j.finishedAt(), j.reason(), at));
        Instant until = at.plus(lease);
        leaseOf.put(jobId, until);
        viewsOf.get(jobId).forEach(v -> locks.computeIfPresent(v,
                (view, l) -> l.jobId().equals(jobId) ? new Lease(view, jobId, until) : l));
    }

    @Override
    public synchronized void noteError(String jobId, String error) {
        ReimportJob j = jobs.get(jobId);
        if (j != null && !j.state().finished()) {
            jobs.put(jobId, with(j, j.state(), j.finishedAt(), error, j.heartbeatAt()));
        }
    }

    @Override
    public synchronized void finish(String jobId, JobState state, Instant at, String reason) {
        ReimportJob j = jobs.get(jobId);
        if (j == null || j.state().finished()) {
            return;
        }
        jobs.put(jobId, with(j, state, at, reason, j.heartbeatAt()));
        viewsOf.get(jobId).forEach(v -> locks.computeIfPresent(v, (view, l) -> l.jobId().equals(jobId) ? null : l));
    }

    @Override
    public synchronized List<Lease> leases() {
        return List.copyOf(locks.values());
    }

    @Override
    public synchronized boolean expire(Lease lease, Instant now, String reason) {
        ReimportJob j = jobs.get(lease.jobId());
        if (j != null && !j.state().finished()) {
            if (leaseOf.get(j.jobId()).isAfter(now)) {
                return false; // renewed since it was read
            }
            finish(j.jobId(), JobState.FAILED, now, reason);
        }
        locks.computeIfPresent(lease.view(), (view, l) -> l.jobId().equals(lease.jobId()) ? null : l);
        return true;
    }

    private static Map<String, Long> addedDrift(ReimportJob j, Progress p) {
        Map<String, Long> counts = new HashMap<>(j.drift());
        p.drift().forEach((c, ids) -> counts.merge(c, (long) ids.size(), Long::sum));
        return counts;
    }

    /** Cursor: the index of the next stored page. */
    @Override
    public synchronized DriftPage driftPage(String jobId, String driftClass, String cursor, int limit) {
        List<List<String>> pages = driftPages.getOrDefault(jobId + "#" + driftClass, List.of());
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(pages.size(), from + limit);
        List<String> ids = new ArrayList<>();
        pages.subList(from, to).forEach(ids::addAll);
        return new DriftPage(ids, to < pages.size() ? Integer.toString(to) : null);
    }

    private static ReimportJob with(ReimportJob j, JobState state, Instant finishedAt, String reason, Instant heartbeatAt) {
        return new ReimportJob(j.jobId(), j.view(), j.scope(), j.mode(), state, j.createdAt(), finishedAt, j.total(),
                j.processed(), j.failed(), j.failedIds(), j.tasks(), j.tasksDone(), reason, heartbeatAt, j.drift());
    }
}
