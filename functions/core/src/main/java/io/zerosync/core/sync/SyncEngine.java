package io.zerosync.core.sync;

import io.zerosync.core.domain.Ids;
import io.zerosync.core.domain.Shop;
import io.zerosync.core.port.SourceApi;
import io.zerosync.core.port.SourceUnavailableException;
import io.zerosync.core.port.ViewStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sync(view, ids)}: the one path that brings a read model up to date. Events, re-imports,
 * redrives and reconciles are only producers of ID sets in front of it.
 *
 * <ol>
 *   <li>dedupe: one entry per shop, keeping the highest announced version;</li>
 *   <li>skip shops whose row is already at or above the announced version;</li>
 *   <li>fetch the rest from the source API in batches of at most 100;</li>
 *   <li>project each live shop and write it version-gated;</li>
 *   <li>mark shops the source no longer has as deleted (version-gated too).</li>
 * </ol>
 * Failures are reported per caller reference, never thrown, so one bad shop fails alone.
 */
public final class SyncEngine {
    private final SourceApi source;
    private final Clock clock;
    private final SyncListener listener;

    public SyncEngine(SourceApi source, Clock clock, SyncListener listener) {
        this.source = source;
        this.clock = clock;
        this.listener = listener;
    }

    public SyncReport sync(View view, List<SyncRequest> requests) {
        Tally tally = new Tally();
        Map<String, Wanted> wanted = dedupe(requests, tally);
        List<String> toFetch = skipCurrent(view.store(), wanted, tally);
        for (int from = 0; from < toFetch.size(); from += SourceApi.MAX_BATCH) {
            List<String> chunk = toFetch.subList(from, Math.min(toFetch.size(), from + SourceApi.MAX_BATCH));
            SourceApi.Batch batch;
            try {
                batch = source.batchGet(List.copyOf(chunk));
            } catch (SourceUnavailableException e) {
                chunk.forEach(id -> tally.fail(wanted.get(id), "source unavailable: " + e.getMessage(), true));
                continue;
            }
            tally.fetched += batch.shops().size() + batch.missing().size();
            batch.shops().forEach(shop -> apply(view, wanted.get(shop.shopId()), shop, tally));
            batch.missing().forEach(id -> remove(view.store(), wanted.get(id), batch.tombstones().get(id), tally));
        }
        SyncReport report = tally.report(requests.size(), wanted.size());
        listener.synced(view.name(), report);
        return report;
    }

    private static Map<String, Wanted> dedupe(List<SyncRequest> requests, Tally tally) {
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        for (SyncRequest r : requests) {
            if (r.shopId() == null || !Ids.ID.matcher(r.shopId()).matches()) {
                tally.failures.add(new SyncReport.Failure(r.ref(), r.shopId(), "invalid shop ID", false));
                continue;
            }
            wanted.computeIfAbsent(r.shopId(), Wanted::new).add(r);
        }
        return wanted;
    }

    private static List<String> skipCurrent(ViewStore store, Map<String, Wanted> wanted, Tally tally) {
        List<String> announced = wanted.values().stream().filter(w -> w.version > 0).map(w -> w.shopId).toList();
        Map<String, Long> stored = announced.isEmpty() ? Map.of() : store.versions(announced);
        List<String> toFetch = new ArrayList<>();
        for (Wanted w : wanted.values()) {
            Long have = stored.get(w.shopId);
            if (w.version > 0 && have != null && have >= w.version) {
                tally.skipped++;
            } else {
                toFetch.add(w.shopId);
            }
        }
        return toFetch;
    }

    private void apply(View view, Wanted w, Shop shop, Tally tally) {
        if (w == null) {
            return; // the source answered an ID nobody asked for; ignore rather than trust it
        }
        if (shop.version() < w.version) {
            // The source is behind the announcement (it should not be: reads are consistent). Retry later.
            tally.fail(w, "source returned version " + shop.version() + " < announced " + w.version, true);
            return;
        }
        Map<String, Object> fields;
        try {
            fields = view.projection().project(shop);
        } catch (RuntimeException e) {
            tally.fail(w, "projection failed: " + e, false);
            return;
        }
        ViewRow row = new ViewRow(shop.shopId(), shop.version(), shop.updatedAt(), clock.instant(), fields);
        try {
            if (view.store().put(row)) {
                tally.written++;
                tally.rows.add(row);
            } else {
                tally.unchanged++;
            }
        } catch (RuntimeException e) {
            tally.fail(w, "view write failed: " + e.getMessage(), true);
        }
    }

    private void remove(ViewStore store, Wanted w, Long tombstoneVersion, Tally tally) {
        if (w == null) {
            return;
        }
        try {
            if (tombstoneVersion != null) {
                if (store.markDeleted(w.shopId, tombstoneVersion, clock.instant())) {
                    tally.deleted++;
                } else {
                    tally.unchanged++;
                }
            } else {
                store.delete(w.shopId);
                tally.deleted++;
            }
        } catch (RuntimeException e) {
            tally.fail(w, "view delete failed: " + e.getMessage(), true);
        }
    }

    /** The requests for one shop, folded into one fetch. */
    private static final class Wanted {
        final String shopId;
        final List<String> refs = new ArrayList<>();
        long version;

        Wanted(String shopId) {
            this.shopId = shopId;
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

        void fail(Wanted w, String reason, boolean retryable) {
            w.refs.forEach(ref -> failures.add(new SyncReport.Failure(ref, w.shopId, reason, retryable)));
        }

        SyncReport report(int requested, int distinct) {
            return new SyncReport(failures, requested, distinct, skipped, fetched, written, unchanged, deleted, rows);
        }
    }

    /** Convenience for callers that only have IDs (re-imports). */
    public SyncReport syncIds(View view, List<String> shopIds) {
        return sync(view, shopIds.stream().map(SyncRequest::of).toList());
    }

}
