package io.zerosync.kernel.recovery;

import io.zerosync.kernel.port.JobStore;
import io.zerosync.kernel.entity.Entity;
import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import io.zerosync.kernel.port.SourceReader;
import io.zerosync.kernel.port.ViewStore;
import io.zerosync.kernel.sync.Gate;
import io.zerosync.kernel.sync.SyncEngine;
import io.zerosync.kernel.sync.SyncReport;
import io.zerosync.kernel.sync.View;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One page of a reconcile job's task, in memory bounded by the page: a page of the source (scan segment,
 * window or ID chunk) is compared with the view rows of just those IDs, and a page of the view's own rows
 * (the orphan sweep of a full reconcile) is checked against the source by batch-get for rows the source
 * does not know at all (rows of deleted entities are classified by the source pass, which sees tombstones).
 * Drift a page finds is read again, source and rows, before it counts: a write landing between the two
 * reads of a page is not reported as drift. With repair, the drift of each page goes through the engine
 * at once: a rebuild for missing, stale, divergent and orphan, a restore for ahead.
 */
final class ReconcilePages {
    /** A batch-get that answers fewer IDs than asked is asked again for the rest, at most this often. */
    private static final int BATCH_ATTEMPTS = 5;

    private final SyncEngine engine;
    private final int pageSize;

    ReconcilePages(SyncEngine engine, int pageSize) {
        this.engine = engine;
        this.pageSize = pageSize;
    }

    <E extends Entity> JobStore.Progress page(ReimportTask task, View<E> view, String cursor) {
        int projection = view.projection().version();
        Drift drift;
        int counted;
        String next;
        switch (task.kind()) {
            case SEGMENT, WINDOW -> {
                ExportPage<E> export = view.source().export(task.kind() == ReimportTask.Kind.SEGMENT
                        ? new ExportQuery(null, null, task.segment(), task.totalSegments(), cursor, pageSize)
                        : new ExportQuery(task.from(), task.to(), 0, 1, cursor, pageSize));
                Map<String, DriftClassifier.Truth> truth = new HashMap<>();
                for (E entity : export.entities()) {
                    truth.put(entity.id(), DriftClassifier.live(view, entity));
                }
                drift = DriftClassifier.classify(projection, truth, view.store().states(truth.keySet()));
                counted = export.entities().size();
                next = export.nextCursor();
            }
            case IDS -> {
                int from = cursor == null ? 0 : Integer.parseInt(cursor);
                int to = Math.min(task.ids().size(), from + pageSize);
                List<String> ids = task.ids().subList(from, to);
                drift = DriftClassifier.classify(projection, truth(view, ids), view.store().states(ids));
                counted = ids.size();
                next = to < task.ids().size() ? Integer.toString(to) : null;
            }
            case ORPHAN_SWEEP -> {
                ViewStore.StatePage rows = view.store().scan(task.segment(), task.totalSegments(), cursor, pageSize);
                Map<String, ViewStore.RowState> live = new HashMap<>();
                rows.rows().stream().filter(r -> !r.deleted()).forEach(r -> live.put(r.id(), r));
                Map<String, DriftClassifier.Truth> truth = truth(view, List.copyOf(live.keySet()));
                // Only rows the source does not know: the source pass classifies every other row.
                live.keySet().retainAll(unknown(live.keySet(), truth));
                drift = DriftClassifier.classify(projection, Map.of(), live);
                counted = 0; // progress counts the source's entities; the sweep's pages show in tasksDone
                next = rows.nextCursor();
            }
            default -> throw new IllegalStateException("unknown task kind " + task.kind());
        }
        drift = confirm(view, drift, task.kind() == ReimportTask.Kind.ORPHAN_SWEEP);
        Set<String> failed = task.mode() == ReimportMode.RECONCILE_REPAIR ? repair(view, drift) : Set.of();
        return new JobStore.Progress(next, next == null, counted, failed.size(),
                failed.stream().limit(ReimportJob.FAILED_IDS_CAP).toList(), drift.byClass());
    }

    /** Reads the drifted IDs again, source and view, and keeps what still drifts. */
    private <E extends Entity> Drift confirm(View<E> view, Drift found, boolean orphansOnly) {
        if (found.none()) {
            return found;
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(allOf(found)));
        Map<String, DriftClassifier.Truth> truth = truth(view, ids);
        Map<String, ViewStore.RowState> rows = view.store().states(ids);
        if (orphansOnly) {
            rows = new HashMap<>(rows);
            rows.keySet().retainAll(unknown(rows.keySet(), truth));
        }
        return DriftClassifier.classify(view.projection().version(), truth, rows);
    }

    private <E extends Entity> Set<String> repair(View<E> view, Drift drift) {
        Set<String> failed = new LinkedHashSet<>();
        if (!drift.rebuildable().isEmpty()) {
            engine.syncIds(view, drift.rebuildable(), Gate.REBUILD).failures().forEach(f -> failed.add(f.id()));
        }
        if (!drift.ahead().isEmpty()) {
            SyncReport restored = engine.syncIds(view, drift.ahead(), Gate.RESTORE);
            restored.failures().forEach(f -> failed.add(f.id()));
        }
        return failed;
    }

    /** The source's current state of each ID it knows (live or tombstone); unknown IDs are absent. */
    private static <E extends Entity> Map<String, DriftClassifier.Truth> truth(View<E> view, List<String> ids) {
        Map<String, DriftClassifier.Truth> truth = new HashMap<>();
        for (int from = 0; from < ids.size(); from += SourceReader.MAX_BATCH) {
            List<String> ask = ids.subList(from, Math.min(ids.size(), from + SourceReader.MAX_BATCH));
            for (int attempt = 1; !ask.isEmpty(); attempt++) {
                SourceReader.Batch<E> batch = view.source().batchGet(ask);
                Set<String> answered = new HashSet<>(batch.missing());
                batch.entities().forEach(e -> {
                    truth.put(e.id(), DriftClassifier.live(view, e));
                    answered.add(e.id());
                });
                batch.tombstones().forEach((id, version) -> {
                    truth.put(id, DriftClassifier.Truth.deleted(version));
                    answered.add(id);
                });
                // An answer bounded by size leaves some IDs out: ask again for them, never read them as unknown.
                List<String> rest = ask.stream().filter(id -> !answered.contains(id)).toList();
                if (!rest.isEmpty() && (rest.size() == ask.size() || attempt >= BATCH_ATTEMPTS)) {
                    throw new IllegalStateException("the source left " + rest.size() + " IDs unanswered");
                }
                ask = rest;
            }
        }
        return truth;
    }

    /** IDs the source has no state for (no entity, no tombstone). */
    private static Set<String> unknown(Set<String> ids, Map<String, DriftClassifier.Truth> truth) {
        Set<String> unknown = new HashSet<>(ids);
        unknown.removeAll(truth.keySet());
        return unknown;
    }

    private static List<String> allOf(Drift drift) {
        List<String> ids = new ArrayList<>();
        Drift.CLASSES.forEach(c -> ids.addAll(drift.of(c)));
        return ids;
    }
}
