package io.zerosync.kernel.recovery;

import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import io.zerosync.kernel.entity.Entity;
import io.zerosync.kernel.port.SourceReader;
import io.zerosync.kernel.port.SourceUnavailableException;
import io.zerosync.kernel.port.ViewStore;
import io.zerosync.kernel.sync.Gate;
import io.zerosync.kernel.sync.SyncEngine;
import io.zerosync.kernel.sync.SyncReport;
import io.zerosync.kernel.sync.View;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Compares each entity's version <em>and content</em> between the source and a view: what the current
 * projection makes of the source's entity (its {@link io.zerosync.kernel.sync.ContentHash} and projection
 * version) against what the row actually holds. Reads only; repairing is a rebuild of the drifted IDs
 * through the same engine as everything else, plus {@link #restoreAhead} for rows ahead of the source.
 */
public final class Reconciler {
    private static final int PAGE = 1000;

    private final SyncEngine engine;

    public Reconciler(SyncEngine engine) {
        this.engine = engine;
    }

    public <E extends Entity> Drift reconcile(View<E> view, ReimportScope scope) {
        Map<String, DriftClassifier.Truth> truth = new HashMap<>();
        Map<String, ViewStore.RowState> rows = new HashMap<>();
        if (scope instanceof ReimportScope.Full) {
            exportAll(view, new ExportQuery(null, null, 0, 1, null, PAGE), truth);
            String cursor = null;
            do {
                ViewStore.StatePage page = view.store().scan(0, 1, cursor, PAGE);
                page.rows().forEach(r -> rows.put(r.id(), r));
                cursor = page.nextCursor();
            } while (cursor != null);
        } else {
            List<String> ids;
            if (scope instanceof ReimportScope.Ids inScope) {
                ids = List.copyOf(new LinkedHashSet<>(inScope.ids()));
            } else {
                ReimportScope.Updated window = (ReimportScope.Updated) scope;
                Map<String, DriftClassifier.Truth> inWindow = new HashMap<>();
                exportAll(view, new ExportQuery(window.from(), window.to(), 0, 1, null, PAGE), inWindow);
                ids = List.copyOf(inWindow.keySet());
            }
            // Current truth by ID (an export page may be older than a batch-get of the same entity).
            for (int from = 0; from < ids.size(); from += SourceReader.MAX_BATCH) {
                SourceReader.Batch<E> batch = view.source().batchGetAll(
                        ids.subList(from, Math.min(ids.size(), from + SourceReader.MAX_BATCH)));
                if (!batch.unprocessed().isEmpty()) {
                    // Unanswered is not absent: reporting these as orphans would be a false drift.
                    throw new SourceUnavailableException("source left " + batch.unprocessed().size() + " IDs unprocessed");
                }
                batch.entities().forEach(e -> truth.put(e.id(), DriftClassifier.live(view, e)));
                batch.tombstones().forEach((id, version) -> truth.put(id, DriftClassifier.Truth.deleted(version)));
            }
            rows.putAll(view.store().states(ids));
        }
        return DriftClassifier.classify(view.projection().version(), truth, rows);
    }

    /**
     * Pulls rows that are ahead of the source back to the source's state, each on condition that it still
     * holds the version just read, so a write that happens meanwhile is never overwritten. Rows that
     * turned out not to be ahead get the rebuild gate.
     */
    public <E extends Entity> SyncReport restoreAhead(View<E> view, List<String> ids) {
        return engine.syncIds(view, ids, Gate.RESTORE);
    }

    private static <E extends Entity> void exportAll(View<E> view, ExportQuery first, Map<String, DriftClassifier.Truth> truth) {
        ExportQuery query = first;
        while (true) {
            ExportPage<E> page = view.source().export(query);
            page.entities().forEach(e -> truth.put(e.id(), DriftClassifier.live(view, e)));
            if (page.nextCursor() == null) {
                return;
            }
            query = new ExportQuery(query.updatedFrom(), query.updatedTo(), query.segment(), query.totalSegments(),
                    page.nextCursor(), query.limit());
        }
    }
}
