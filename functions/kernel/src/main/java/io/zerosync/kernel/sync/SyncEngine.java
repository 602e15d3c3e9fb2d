package io.zerosync.kernel.sync;

import io.zerosync.kernel.entity.Entity;
import io.zerosync.kernel.entity.EntityIds;
import io.zerosync.kernel.port.SourceReader;
import io.zerosync.kernel.port.SourceUnavailableException;
import io.zerosync.kernel.port.ViewStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code sync(view, ids, gate)}: the one path that brings a read model up to date. Events, re-imports,
 * redrives and reconciles are only producers of ID sets in front of it; the {@link Gate} says which
 * rows they may overwrite.
 *
 * <ol>
 *   <li>dedupe: one entry per ID, keeping the highest announced version;</li>
 *   <li>event gate: skip IDs whose row is already at or above the announced version and was written
 *       by the current projection version;</li>
 *   <li>fetch the rest from the view's source in batches of at most 100, asking again for what an answer left
 *       unprocessed (the source bounds its answers in bytes); an ID the source neither returned nor reported
 *       missing is a retryable failure (a truncated answer is not an answer);</li>
 *   <li>project each live entity and write it through the gate (rebuild and restore first read the row
 *       and leave it alone when it already holds exactly what the projection makes); a chunk's writes
 *       overlap, a bounded number at a time ({@link ViewWrites}), and each is still counted per ID;</li>
 *   <li>mark IDs the source no longer has as deleted (version-gated, whatever the gate).</li>
 * </ol>
 * Failures are reported per caller reference, never thrown, so one bad entity fails alone. The engine knows no entity type: each {@link View} brings
 * its own {@link SourceReader}.
 */
public final class SyncEngine {
    private final Clock clock;
    private final SyncListener listener;
    private final ViewWrites writes;

    public SyncEngine(Clock clock, SyncListener listener) {
        this(clock, listener, ViewWrites.DEFAULT_IN_FLIGHT);
    }

    /** @param writesInFlight view writes this engine runs at once, over all callers (1: one after another) */
    public SyncEngine(Clock clock, SyncListener listener, int writesInFlight) {
        this.clock = clock;
        this.listener = listener;
        this.writes = new ViewWrites(writesInFlight);
    }

    /** Live events: {@link Gate#EVENT}. */
    public <E extends Entity> SyncReport sync(View<E> view, List<SyncRequest> requests) {
        return sync(view, requests, Gate.EVENT);
    }

    public <E extends Entity> SyncReport sync(View<E> view, List<SyncRequest> requests, Gate gate) {
        Tally tally = new Tally();
        Map<String, Wanted> wanted = dedupe(requests, tally);
        List<String> toFetch = gate == Gate.EVENT ? skipCurrent(view, wanted, tally) : List.copyOf(wanted.keySet());
        for (int from = 0; from < toFetch.size(); from += SourceReader.MAX_BATCH) {
            List<String> chunk = toFetch.subList(from, Math.min(toFetch.size(), from + SourceReader.MAX_BATCH));
            SourceReader.Batch<E> batch;
            try {
                batch = view.source().batchGetAll(List.copyOf(chunk));
            } catch (SourceUnavailableException e) {
                chunk.forEach(id -> tally.fail(wanted.get(id), "source unavailable: " + e.getMessage(), true));
                continue;
            }
            tally.fetched += batch.entities().size() + batch.missing().size();
            applyChunk(view, chunk, batch, gate, wanted, tally);
        }
        return finish(view, tally, requests.size(), wanted.size());
    }

    /**
     * For a producer that already holds the source's current state of each entity, read consistently from the
     * write store (a full re-import's export page): steps 4 and 5 of {@link #sync} without fetching the entities
     * a second time. A tombstone becomes a deletion marker at its version. Whatever happened to an entity since
     * it was read, the gate keeps: an older state never replaces a newer row or marker, and the change that
     * made it older is announced and synced as any other.
     */
    public <E extends Entity> SyncReport syncStates(View<E> view, List<E> states, Gate gate) {
        Tally tally = new Tally();
        Map<String, E> latest = new LinkedHashMap<>();
        for (E entity : states) {
            latest.merge(entity.id(), entity, (a, b) -> a.version() >= b.version() ? a : b);
        }
        Map<String, Wanted> wanted = dedupe(latest.keySet().stream().map(SyncRequest::of).toList(), tally);
        List<String> ids = List.copyOf(wanted.keySet());
        for (int from = 0; from < ids.size(); from += SourceReader.MAX_BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + SourceReader.MAX_BATCH));
            List<E> live = new ArrayList<>();
            List<String> gone = new ArrayList<>();
            Map<String, Long> tombstones = new HashMap<>();
            for (String id : chunk) {
                E entity = latest.get(id);
                if (entity.deleted()) {
                    gone.add(id);
                    tombstones.put(id, entity.version());
                } else {
                    live.add(entity);
                }
            }
            applyChunk(view, chunk, new SourceReader.Batch<>(live, gone, tombstones), gate, wanted, tally);
        }
        return finish(view, tally, states.size(), wanted.size());
    }

    private SyncReport finish(View<?> view, Tally tally, int requested, int distinct) {
        SyncReport report = tally.report(requested, distinct);
        listener.synced(view.name(), report);
        return report;
    }

    /** Projects and writes one chunk's answer: the writes overlap (see {@link ViewWrites}), the tally does not. */
    private <E extends Entity> void applyChunk(View<E> view, List<String> chunk, SourceReader.Batch<E> batch, Gate gate,
                                               Map<String, Wanted> wanted, Tally tally) {
        Map<String, ViewStore.RowState> stored = Map.of();
        if (gate != Gate.EVENT) {
            try {
                stored = view.store().states(chunk);
            } catch (RuntimeException e) {
                chunk.forEach(id -> tally.fail(wanted.get(id), "view read failed: " + e.getMessage(), true));
                return;
            }
        }
        Set<String> answered = new HashSet<>();
        List<Supplier<Outcome>> steps = new ArrayList<>();
        for (E entity : batch.entities()) {
            Wanted w = wanted.get(entity.id());
            // An ID nobody asked for is ignored rather than trusted.
            if (w != null && answered.add(entity.id())) {
                steps.add(apply(view, w, entity, gate, stored.get(entity.id())));
            }
        }
        for (String id : batch.missing()) {
            Wanted w = wanted.get(id);
            if (w != null && answered.add(id)) {
                steps.add(remove(view.store(), w, batch.tombstones().get(id), gate, stored.get(id)));
            }
        }
        writes.run(steps).forEach(tally::add);
        for (String id : chunk) {
            if (!answered.contains(id)) {
                tally.fail(wanted.get(id), batch.unprocessed().contains(id)
                        ? "source left " + id + " unprocessed" : "source did not answer for " + id, true);
            }
        }
    }

    private static Map<String, Wanted> dedupe(List<SyncRequest> requests, Tally tally) {
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        for (SyncRequest r : requests) {
            if (!EntityIds.valid(r.id())) {
                tally.failures.add(new SyncReport.Failure(r.ref(), r.id(), "invalid ID", false));
                continue;
            }
            wanted.computeIfAbsent(r.id(), Wanted::new).add(r);
        }
        return wanted;
    }

    private static List<String> skipCurrent(View<?> view, Map<String, Wanted> wanted, Tally tally) {
        List<String> announced = wanted.values().stream().filter(w -> w.version > 0).map(w -> w.id).toList();
        Map<String, ViewStore.RowState> stored = announced.isEmpty() ? Map.of() : view.store().states(announced);
        int current = view.projection().version();
        List<String> toFetch = new ArrayList<>();
        for (Wanted w : wanted.values()) {
            ViewStore.RowState have = stored.get(w.id);
            boolean upToDate = have != null && have.version() >= w.version
                    && (have.deleted() || have.projectionVersion() >= current);
            if (w.version > 0 && upToDate) {
                tally.skipped++;
            } else {
                toFetch.add(w.id); // unknown, older, or written by an older projection version
            }
        }
        return toFetch;
    }

    /** The write one live entity needs, or its outcome when none is needed. */
    private <E extends Entity> Supplier<Outcome> apply(View<E> view, Wanted w, E entity, Gate gate,
                                                       ViewStore.RowState have) {
        if (entity.version() < w.version) {
            // The source is behind the announcement (it should not be: reads are consistent). Retry later.
            return Outcome.failed(w, "source returned version " + entity.version() + " < announced " + w.version, true);
        }
        ViewRow row;
        try {
            row = view.rowOf(entity, clock.instant());
        } catch (RuntimeException e) {
            return Outcome.failed(w, "projection failed: " + e, false);
        }
        if (gate != Gate.EVENT && holdsExactly(have, row)) {
            return () -> new Outcome(w, Outcome.Kind.UNCHANGED, null, null, false);
        }
        return () -> {
            try {
                boolean written = gate == Gate.RESTORE && have != null && have.version() > row.version()
                        ? view.store().replace(row, have.version()) // ahead of the source: back to it, if still as read
                        : view.store().put(row, gate == Gate.EVENT ? Gate.EVENT : Gate.REBUILD);
                return written ? new Outcome(w, Outcome.Kind.WRITTEN, row, null, false)
                        : new Outcome(w, Outcome.Kind.UNCHANGED, null, null, false);
            } catch (RuntimeException e) {
                return new Outcome(w, Outcome.Kind.FAILED, null, "view write failed: " + e.getMessage(), true);
            }
        };
    }

    private static boolean holdsExactly(ViewStore.RowState have, ViewRow row) {
        return have != null && !have.deleted() && have.version() == row.version()
                && have.projectionVersion() == row.projectionVersion() && row.contentHash().equals(have.contentHash());
    }

    /** The delete or deletion marker an entity the source no longer has needs. */
    private Supplier<Outcome> remove(ViewStore store, Wanted w, Long tombstoneVersion, Gate gate,
                                     ViewStore.RowState have) {
        return () -> {
            try {
                if (tombstoneVersion == null) {
                    store.delete(w.id);
                    return new Outcome(w, Outcome.Kind.DELETED, null, null, false);
                }
                boolean ahead = gate == Gate.RESTORE && have != null && !have.deleted() && have.version() >= tombstoneVersion;
                boolean marked = ahead
                        ? store.replaceDeleted(w.id, tombstoneVersion, clock.instant(), have.version()) // as read
                        : store.markDeleted(w.id, tombstoneVersion, clock.instant());
                return new Outcome(w, marked ? Outcome.Kind.DELETED : Outcome.Kind.UNCHANGED, null, null, false);
            } catch (RuntimeException e) {
                return new Outcome(w, Outcome.Kind.FAILED, null, "view delete failed: " + e.getMessage(), true);
            }
        };
    }

    /** What one entity's step did; made on a write thread, counted on the caller's. */
    private record Outcome(Wanted w, Kind kind, ViewRow row, String reason, boolean retryable) {
        enum Kind { WRITTEN, UNCHANGED, DELETED, FAILED }

        static Supplier<Outcome> failed(Wanted w, String reason, boolean retryable) {
            return () -> new Outcome(w, Kind.FAILED, null, reason, retryable);
        }
    }

    /** The requests for one ID, folded into one fetch. */
    private static final class Wanted {
        final String id;
        final List<String> refs = new ArrayList<>();
        long version;

        Wanted(String id) {
            this.id = id;
        }

        void add(SyncRequest r) {
            refs.add(r.ref());
            version = Math.max(version, r.announcedVersion());
        }
    }

    private static final class Tally {
        final List<SyncReport.Failure> failures = new ArrayList<>();
        final List<ViewRow> rows = new ArrayList<>();
        int skipped;
        int fetched;
        int written;
        int unchanged;
        int deleted;

        void add(Outcome o) {
            switch (o.kind()) {
                case WRITTEN -> {
                    written++;
                    rows.add(o.row());
                }
                case UNCHANGED -> unchanged++;
                case DELETED -> deleted++;
                case FAILED -> fail(o.w(), o.reason(), o.retryable());
            }
        }

        void fail(Wanted w, String reason, boolean retryable) {
            w.refs.forEach(ref -> failures.add(new SyncReport.Failure(ref, w.id, reason, retryable)));
        }

        SyncReport report(int requested, int distinct) {
            return new SyncReport(failures, requested, distinct, skipped, fetched, written, unchanged, deleted, rows);
        }
    }

    /** For callers that only have IDs (re-imports, repairs): nothing announced, so nothing is skipped. */
    public <E extends Entity> SyncReport syncIds(View<E> view, List<String> ids, Gate gate) {
        return sync(view, ids.stream().map(SyncRequest::of).toList(), gate);
    }

}
