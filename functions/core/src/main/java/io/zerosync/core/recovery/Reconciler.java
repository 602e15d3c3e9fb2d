package io.zerosync.core.recovery;

import io.zerosync.core.domain.Shop;
import io.zerosync.core.port.ExportPage;
import io.zerosync.core.port.ExportQuery;
import io.zerosync.core.port.SourceApi;
import io.zerosync.core.port.SourceUnavailableException;
import io.zerosync.core.port.ViewStore;
import io.zerosync.core.sync.Gate;
import io.zerosync.core.sync.SyncEngine;
import io.zerosync.core.sync.SyncReport;
import io.zerosync.core.sync.View;

import java.time.Instant;
import java.util.ArrayList;
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

    /** What the source holds for one shop: a live state (with the current projection's hash) or a deletion. */
    private record Truth(long version, boolean live, String contentHash) {
    }

    public Drift reconcile(View view, ReimportScope scope) {
        Map<String, Truth> truth = new HashMap<>();
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
                Map<String, Truth> inWindow = new HashMap<>();
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
                batch.shops().forEach(s -> truth.put(s.shopId(), live(view, s)));
                batch.tombstones().forEach((id, version) -> truth.put(id, new Truth(version, false, null)));
            }
            rows.putAll(view.store().states(ids));
        }
        return compare(view.projection().version(), truth, rows);
    }

    /**
     * Pulls rows that are ahead of the source back to the source's state, each on condition that it still
     * holds the version just read, so a write that happens meanwhile is never overwritten. Rows that
     * turned out not to be ahead get the rebuild gate.
     */
    public SyncReport restoreAhead(View view, List<String> ids) {
        return engine.syncIds(view, ids, Gate.RESTORE);
    }

    private void exportAll(View view, ExportQuery first, Map<String, Truth> truth) {
        ExportQuery query = first;
        while (true) {
            ExportPage page = source.export(query);
            page.shops().forEach(s -> truth.put(s.shopId(), s.deleted() ? new Truth(s.version(), false, null) : live(view, s)));
            if (page.nextCursor() == null) {
                return;
            }
            query = new ExportQuery(query.updatedFrom(), query.updatedTo(), query.segment(), query.totalSegments(),
                    page.nextCursor(), query.limit());
        }
    }

    private static Truth live(View view, Shop shop) {
        String hash;
        try {
            hash = view.rowOf(shop, Instant.EPOCH).contentHash();
        } catch (RuntimeException e) {
            hash = null; // cannot be projected: sync sets it aside; compare versions only
        }
        return new Truth(shop.version(), true, hash);
    }

    private static Drift compare(int projectionVersion, Map<String, Truth> truth, Map<String, ViewStore.RowState> rows) {
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> orphan = new ArrayList<>();
        List<String> divergent = new ArrayList<>();
        List<String> ahead = new ArrayList<>();
        truth.forEach((id, source) -> {
            if (!source.live()) {
                return;
            }
            ViewStore.RowState row = rows.get(id);
            if (row == null) {
                missing.add(id);
            } else if (row.version() > source.version()) {
                ahead.add(id);
            } else if (row.deleted()) {
                missing.add(id);
            } else if (row.version() < source.version()) {
                stale.add(id);
            } else if (row.projectionVersion() < projectionVersion
                    || (source.contentHash() != null && !source.contentHash().equals(row.contentHash()))) {
                divergent.add(id);
            }
        });
        rows.values().stream().filter(r -> !r.deleted()).forEach(r -> {
            Truth source = truth.get(r.shopId());
            if (source == null) {
                orphan.add(r.shopId()); // the source does not know the shop at all
            } else if (!source.live()) {
                // Deleted in the source. A row newer than the tombstone is what a restore of the write
                // table leaves: a rebuild's version gate cannot mark it, only a restore can.
                (r.version() >= source.version() ? ahead : orphan).add(r.shopId());
            }
        });
        missing.sort(null);
        stale.sort(null);
        orphan.sort(null);
        divergent.sort(null);
        ahead.sort(null);
        return new Drift(missing, stale, orphan, divergent, ahead);
    }
}
