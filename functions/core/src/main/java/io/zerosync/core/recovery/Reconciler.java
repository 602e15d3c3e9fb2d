package io.zerosync.core.recovery;

import io.zerosync.core.port.ExportPage;
import io.zerosync.core.port.ExportQuery;
import io.zerosync.core.port.SourceApi;
import io.zerosync.core.port.ViewStore;
import io.zerosync.core.sync.View;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares {@code (shopId, version)} between the source and a view. Reads only; repairing is a
 * rebuild of exactly the drifted IDs, through the same engine as everything else.
 */
public final class Reconciler {
    private static final int PAGE = 1000;

    private final SourceApi source;

    public Reconciler(SourceApi source) {
        this.source = source;
    }

    public Drift reconcile(View view, ReimportScope scope) {
        Map<String, Long> live = new HashMap<>();
        Map<String, ViewStore.RowState> rows = new HashMap<>();
        if (scope instanceof ReimportScope.Full) {
            exportAll(new ExportQuery(null, null, 0, 1, null, PAGE), live);
            String cursor = null;
            do {
                ViewStore.StatePage page = view.store().scan(0, 1, cursor, PAGE);
                page.rows().forEach(r -> rows.put(r.shopId(), r));
                cursor = page.nextCursor();
            } while (cursor != null);
        } else {
            List<String> ids;
            if (scope instanceof ReimportScope.Ids inScope) {
                ids = inScope.ids();
            } else {
                ReimportScope.Updated window = (ReimportScope.Updated) scope;
                Map<String, Long> inWindow = new HashMap<>();
                List<String> all = new ArrayList<>();
                exportAll(new ExportQuery(window.from(), window.to(), 0, 1, null, PAGE), inWindow, all);
                ids = all;
            }
            for (int from = 0; from < ids.size(); from += SourceApi.MAX_BATCH) {
                SourceApi.Batch batch = source.batchGet(ids.subList(from, Math.min(ids.size(), from + SourceApi.MAX_BATCH)));
                batch.shops().forEach(s -> live.put(s.shopId(), s.version()));
            }
            rows.putAll(view.store().states(ids));
        }
        return compare(live, rows);
    }

    private void exportAll(ExportQuery first, Map<String, Long> live) {
        exportAll(first, live, new ArrayList<>());
    }

    private void exportAll(ExportQuery first, Map<String, Long> live, List<String> seen) {
        ExportQuery query = first;
        while (true) {
            ExportPage page = source.export(query);
            page.shops().forEach(s -> {
                seen.add(s.shopId());
                if (!s.deleted()) {
                    live.put(s.shopId(), s.version());
                }
            });
            if (page.nextCursor() == null) {
                return;
            }
            query = new ExportQuery(query.updatedFrom(), query.updatedTo(), query.segment(), query.totalSegments(),
                    page.nextCursor(), query.limit());
        }
    }

    private static Drift compare(Map<String, Long> live, Map<String, ViewStore.RowState> rows) {
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> orphan = new ArrayList<>();
        live.forEach((id, version) -> {
            ViewStore.RowState row = rows.get(id);
            if (row == null || row.deleted()) {
                missing.add(id);
            } else if (row.version() < version) {
                stale.add(id);
            }
        });
        rows.values().stream().filter(r -> !r.deleted() && !live.containsKey(r.shopId()))
                .forEach(r -> orphan.add(r.shopId()));
        missing.sort(null);
        stale.sort(null);
        orphan.sort(null);
        return new Drift(missing, stale, orphan);
    }
}
