package io.zerosync.kernel.port;

import io.zerosync.kernel.entity.Entity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * What a view needs of its source: the write side's truth for one entity type, reached over its API,
 * never its tables. Implementations throw {@link SourceUnavailableException} when the source cannot
 * answer now (retry later).
 */
public interface SourceReader<E extends Entity> {
    int MAX_BATCH = 100;

    /** The entity type this source serves, as announced ({@code EntityChanged.entityType}). */
    String entityType();

    /**
     * At most {@link #MAX_BATCH} IDs. The source may leave some {@link Batch#unprocessed()} (its answer has a
     * byte budget): the caller asks for those again.
     */
    Batch<E> batchGet(List<String> ids);

    /**
     * {@link #batchGet}, following through: asks again for the IDs the source left unprocessed, in further
     * calls, until every ID is answered or a call answers none of them. What is then still unanswered is in
     * the result's {@code unprocessed}, for the caller to treat as a retryable failure. A failure of a
     * follow-up call does not throw away what earlier calls answered: its IDs come back unprocessed.
     */
    default Batch<E> batchGetAll(List<String> ids) {
        Batch<E> first = batchGet(ids);
        List<E> entities = new ArrayList<>(first.entities());
        List<String> missing = new ArrayList<>(first.missing());
        Map<String, Long> tombstones = new LinkedHashMap<>(first.tombstones());
        List<String> asked = ids;
        List<String> pending = stillPending(asked, first.unprocessed());
        // Each round must answer at least one ID, so this ends after at most MAX_BATCH rounds.
        while (!pending.isEmpty() && pending.size() < asked.size()) {
            Batch<E> next;
            try {
                next = batchGet(pending);
            } catch (SourceUnavailableException e) {
                break;
            }
            entities.addAll(next.entities());
            missing.addAll(next.missing());
            tombstones.putAll(next.tombstones());
            asked = pending;
            pending = stillPending(asked, next.unprocessed());
        }
        return new Batch<>(entities, missing, tombstones, pending);
    }

    /** The unprocessed IDs that were asked for (a source naming IDs nobody asked for is not believed). */
    private static List<String> stillPending(List<String> asked, List<String> unprocessed) {
        Set<String> askedSet = new HashSet<>(asked);
        return unprocessed.stream().filter(askedSet::contains).distinct().toList();
    }

    /** One page of the export (window or segment), for re-imports and reconciles. */
    ExportPage<E> export(ExportQuery query);

    /** How many entities (tombstones included) the source holds, approximately: for progress and estimates. */
    long approximateCount();

    /**
     * Live entities found, IDs not found (unknown or deleted), for deleted ones the version their tombstone
     * reached (so a view can refuse an older state arriving after the delete), and the IDs the source did
     * not get to because the answer would have been too large: ask for them again.
     */
    record Batch<E extends Entity>(List<E> entities, List<String> missing, Map<String, Long> tombstones,
                                   List<String> unprocessed) {
        public Batch {
            entities = List.copyOf(entities);
            missing = List.copyOf(missing);
            tombstones = Map.copyOf(tombstones);
            unprocessed = List.copyOf(unprocessed);
        }

        /** A complete answer: nothing left unprocessed. */
        public Batch(List<E> entities, List<String> missing, Map<String, Long> tombstones) {
            this(entities, missing, tombstones, List.of());
        }
    }
}
