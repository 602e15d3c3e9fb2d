package io.zerosync.core.sync;

import io.zerosync.core.domain.Ids;
import io.zerosync.core.domain.Shop;
import io.zerosync.core.port.SourceApi;
import io.zerosync.core.port.SourceUnavailableException;
import io.zerosync.core.port.ViewStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sync(view, ids, gate)}: the one path that brings a read model up to date. Events, re-imports,
 * redrives and reconciles are only producers of ID sets in front of it; the {@link Gate} says which
 * rows they may overwrite.
 *
 * <ol>
 *   <li>dedupe: one entry per shop, keeping the highest announced version;</li>
 *   <li>event gate: skip shops whose row is already at or above the announced version and was written
 *       by the current projection version;</li>
 *   <li>fetch the rest from the source API in batches of at most 100, asking again for what an answer left
 *       unprocessed (the source bounds its answers in bytes); an ID the source neither returned nor reported
 *       missing is a retryable failure (a truncated answer is not an answer);</li>
 *   <li>project each live shop and write it through the gate (rebuild and restore first read the row
 *       and leave it alone when it already holds exactly what the projection makes);</li>
 *   <li>mark shops the source no longer has as deleted (version-gated, whatever the gate).</li>
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

    /** Live events: {@link Gate#EVENT}. */
    public SyncReport sync(View view, List<SyncRequest> requests) {
        return sync(view, requests, Gate.EVENT);
    }

    public SyncReport sync(View view, List<SyncRequest> requests, Gate gate) {
        Tally tally = new Tally();
        Map<String, Wanted> wanted = dedupe(requests, tally);
        List<String> toFetch = gate == Gate.EVENT ? skipCurrent(view, wanted, tally) : List.copyOf(wanted.keySet());
        for (int from = 0; from < toFetch.size(); from += SourceApi.MAX_BATCH) {
            List<String> chunk = toFetch.subList(from, Math.min(toFetch.size(), from + SourceApi.MAX_BATCH));
            SourceApi.Batch batch;
            try {
                batch = source.batchGetAll(List.copyOf(chunk));
            } catch (SourceUnavailableException e) {
                chunk.forEach(id -> tally.fail(wanted.get(id), "source unavailable: " + e.getMessage(), true));
                continue;
            }
            tally.fetched += batch.shops().size() + batch.missing().size();
            Map<String, ViewStore.RowState> stored = Map.of();
            if (gate != Gate.EVENT) {
                try {
                    stored = view.store().states(chunk);
                } catch (RuntimeException e) {
                    chunk.forEach(id -> tally.fail(wanted.get(id), "view read failed: " + e.getMessage(), true));
                    continue;
                }
            }
            Set<String> answered = new HashSet<>();
            for (Shop shop : batch.shops()) {
                if (answered.add(shop.shopId())) {
                    apply(view, wanted.get(shop.shopId()), shop, gate, stored.get(shop.shopId()), tally);
                }
            }
            for (String id : batch.missing()) {
                if (answered.add(id)) {
                    remove(view.store(), wanted.get(id), batch.tombstones().get(id), gate, stored.get(id), tally);
                }
            }
            for (String id : chunk) {
                if (!answered.contains(id)) {
                    tally.fail(wanted.get(id), batch.unprocessed().contains(id)
                            ? "source left " + id + " unprocessed" : "source did not answer for " + id, true);
                }
            }
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

    private static List<String> skipCurrent(View view, Map<String, Wanted> wanted, Tally tally) {
        List<String> announced = wanted.values().stream().filter(w -> w.version > 0).map(w -> w.shopId).toList();
        Map<String, ViewStore.RowState> stored = announced.isEmpty() ? Map.of() : view.store().states(announced);
        int current = view.projection().version();
        List<String> toFetch = new ArrayList<>();
        for (Wanted w : wanted.values()) {
            ViewStore.RowState have = stored.get(w.shopId);
            boolean upToDate = have != null && have.version() >= w.version
                    && (have.deleted() || have.projectionVersion() >= current);
            if (w.version > 0 && upToDate) {
                tally.skipped++;
            } else {
                toFetch.add(w.shopId); // unknown, older, or written by an older projection version
            }
        }
        return toFetch;
    }

    private void apply(View view, Wanted w, Shop shop, Gate gate, ViewStore.RowState have, Tally tally) {
        if (w == null) {
            return; // the source answered an ID nobody asked for; ignore rather than trust it
        }
        if (shop.version() < w.version) {
            // The source is behind the announcement (it should not be: reads are consistent). Retry later.
            tally.fail(w, "source returned version " + shop.version() + " < announced " + w.version, true);
            return;
        }
        ViewRow row;
        try {
            row = view.rowOf(shop, clock.instant());
        } catch (RuntimeException e) {
            tally.fail(w, "projection failed: " + e, false);
            return;
        }
        if (gate != Gate.EVENT && holdsExactly(have, row)) {
            tally.unchanged++;
            return;
        }
        try {
            boolean written = gate == Gate.RESTORE && have != null && have.version() > row.version()
                    ? view.store().replace(row, have.version()) // ahead of the source: back to it, if still as read
                    : view.store().put(row, gate == Gate.EVENT ? Gate.EVENT : Gate.REBUILD);
            if (written) {
                tally.written++;
                tally.rows.add(row);
            } else {
                tally.unchanged++;
            }
        } catch (RuntimeException e) {
            tally.fail(w, "view write failed: " + e.getMessage(), true);
        }
    }

    private static boolean holdsExactly(ViewStore.RowState have, ViewRow row) {
        return have != null && !have.deleted() && have.version() == row.version()
                && have.projectionVersion() == row.projectionVersion() && row.contentHash().equals(have.contentHash());
    }

    private void remove(ViewStore store, Wanted w, Long tombstoneVersion, Gate gate, ViewStore.RowState have,
                        Tally tally) {
        if (w == null) {
            return;
        }
        try {
            if (tombstoneVersion != null) {
                boolean ahead = gate == Gate.RESTORE && have != null && !have.deleted() && have.version() >= tombstoneVersion;
                boolean marked = ahead
                        ? store.replaceDeleted(w.shopId, tombstoneVersion, clock.instant(), have.version()) // as read
                        : store.markDeleted(w.shopId, tombstoneVersion, clock.instant());
                if (marked) {
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

    /** For callers that only have IDs (re-imports, repairs): nothing announced, so nothing is skipped. */
    public SyncReport syncIds(View view, List<String> shopIds, Gate gate) {
        return sync(view, shopIds.stream().map(SyncRequest::of).toList(), gate);
    }

}
