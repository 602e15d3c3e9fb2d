package io.zerosync.core.recovery;

import io.zerosync.core.port.ExportPage;
import io.zerosync.core.port.ExportQuery;
import io.zerosync.core.port.SourceApi;
import io.zerosync.core.port.SourceUnavailableException;
import io.zerosync.core.port.ViewStore;
import io.zerosync.core.sync.Gate;
import io.zerosync.core.sync.SyncEngine;
import io.zerosync.core.sync.SyncReport;
import io.zerosync.core.sync.View;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Compares each shop's version <em>and content</em> between the source and a view: what the current
 * projection makes of the source shop (its {@link io.zerosync.core.sync.ContentHash} and projection
 * version) against what the row actually holds. Reads only; repairing is a rebuild of the drifted IDs
 * through the same engine as everything else, plus {@link #restoreAhead} for rows ahead of the source.
 */
public final class Reconciler {
    private static final int PAGE = 1000;

    private final SourceApi source;
    private final SyncEngine engine;

    public Reconciler(SourceApi source, SyncEngine engine) {
        this.source = source;
        this.engine = engine;
    }

    public Drift reconcile(View view, ReimportScope scope) {
        Map<String, DriftClassifier.Truth> truth = new HashMap<>();
        Map<String, ViewStore.RowState> rows = new HashMap<>();
        if (scope instanceof ReimportScope.Full) {
            exportAll(view, new ExportQuery(null, null, 0, 1, null, PAGE), truth);
            String cursor = null;
            do {
                ViewStore.StatePage page = view.store().scan(0, 1, cursor, PAGE);
                page.rows().forEach(r -> rows.put(r.shopId(), r));
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
            // Current truth by ID (an export page may be older than a batch-get of the same shop).
            for (int from = 0; from < ids.size(); from += SourceApi.MAX_BATCH) {
                SourceApi.Batch batch = source.batchGetAll(ids.subList(from, Math.min(ids.size(), from + SourceApi.MAX_BATCH)));
                if (!batch.unprocessed().isEmpty()) {
                    // Unanswered is not absent: reporting these as orphans would be a false drift.
                    throw new SourceUnavailableException("source left " + batch.unprocessed().size() + " IDs unprocessed");
                }
                batch.shops().forEach(s -> truth.put(s.shopId(), DriftClassifier.live(view, s)));
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
    public SyncReport restoreAhead(View view, List<String> ids) {
        return engine.syncIds(view, ids, Gate.RESTORE);
    }

    private void exportAll(View view, ExportQuery first, Map<String, DriftClassifier.Truth> truth) {
        ExportQuery query = first;
        while (true) {
            ExportPage page = source.export(query);
            page.shops().forEach(s -> truth.put(s.shopId(), DriftClassifier.live(view, s)));
            if (page.nextCursor() == null) {
                return;
            }
            query = new ExportQuery(query.updatedFrom(), query.updatedTo(), query.segment(), query.totalSegments(),
                    page.nextCursor(), query.limit());
        }
    }
}
