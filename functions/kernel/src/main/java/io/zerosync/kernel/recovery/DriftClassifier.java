package io.zerosync.kernel.recovery;

import io.zerosync.kernel.entity.Entity;
import io.zerosync.kernel.port.ViewStore;
import io.zerosync.kernel.sync.View;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts IDs into drift classes from what the source holds and what the view's rows hold, for any set of
 * IDs: the whole catalog (the synchronous reconcile) or one page of a reconcile job. Pure: it reads nothing.
 */
public final class DriftClassifier {

    private DriftClassifier() {
    }

    /** What the source holds for one ID: a live state (with the current projection's hash) or a deletion. */
    public record Truth(long version, boolean live, String contentHash) {
        public static Truth deleted(long version) {
            return new Truth(version, false, null);
        }
    }

    public static <E extends Entity> Truth live(View<E> view, E entity) {
        if (entity.deleted()) {
            return Truth.deleted(entity.version());
        }
        String hash;
        try {
            hash = view.rowOf(entity, Instant.EPOCH).contentHash();
        } catch (RuntimeException e) {
            hash = null; // cannot be projected: sync sets it aside; compare versions only
        }
        return new Truth(entity.version(), true, hash);
    }

    /**
     * Classifies every ID that has a source state in {@code truth} or a live row in {@code rows}; an ID
     * with a live row and no source state at all is an orphan. Each class comes back sorted.
     */
    public static Drift classify(int projectionVersion, Map<String, Truth> truth, Map<String, ViewStore.RowState> rows) {
        Set<String> ids = new LinkedHashSet<>(truth.keySet());
        rows.values().stream().filter(r -> !r.deleted()).forEach(r -> ids.add(r.id()));
        return classify(projectionVersion, ids, truth, rows);
    }

    private static Drift classify(int projectionVersion, Collection<String> ids, Map<String, Truth> truth,
                                  Map<String, ViewStore.RowState> rows) {
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> orphan = new ArrayList<>();
        List<String> divergent = new ArrayList<>();
        List<String> ahead = new ArrayList<>();
        for (String id : ids) {
            Truth source = truth.get(id);
            ViewStore.RowState row = rows.get(id);
            if (source == null) {
                if (row != null && !row.deleted()) {
                    orphan.add(id); // the source does not know the entity at all
                }
            } else if (!source.live()) {
                if (row != null && !row.deleted()) {
                    // Deleted in the source. A row newer than the tombstone is what a restore of the write
                    // table leaves: a rebuild's version gate cannot mark it, only a restore can.
                    (row.version() >= source.version() ? ahead : orphan).add(id);
                }
            } else if (row == null) {
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
        }
        missing.sort(null);
        stale.sort(null);
        orphan.sort(null);
        divergent.sort(null);
        ahead.sort(null);
        return new Drift(missing, stale, orphan, divergent, ahead);
    }
}
