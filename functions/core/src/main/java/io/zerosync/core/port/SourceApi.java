package io.zerosync.core.port;

import io.zerosync.core.domain.Shop;

import java.util.List;
import java.util.Map;

/**
 * The write side's truth as read models reach it: over its API, never its tables. Implementations
 * throw {@link SourceUnavailableException} when the source cannot answer now (retry later).
 */
public interface SourceApi {
    int MAX_BATCH = 100;

    /** At most {@link #MAX_BATCH} IDs. */
    Batch batchGet(List<String> shopIds);

    /** One page of the export (window or segment), for re-imports and reconciles. */
    ExportPage export(ExportQuery query);

    /** How many shops (tombstones included) the source holds, approximately: for progress and estimates. */
    long approximateCount();

    /**
     * Live shops found, IDs not found (unknown or deleted), and for deleted ones the version their
     * tombstone reached, so a view can refuse an older state arriving after the delete.
     */
    record Batch(List<Shop> shops, List<String> missing, Map<String, Long> tombstones) {
        public Batch {
            shops = List.copyOf(shops);
            missing = List.copyOf(missing);
            tombstones = Map.copyOf(tombstones);
        }
    }
}
