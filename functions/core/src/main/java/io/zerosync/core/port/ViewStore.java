package io.zerosync.core.port;

import io.zerosync.core.sync.ViewRow;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * One read model's table. Every write is version-gated: a row never moves to an older version, so
 * duplicates, reordering and replays are harmless.
 */
public interface ViewStore {

    /** Current row versions (tombstone markers included) for the IDs that have a row. */
    Map<String, Long> versions(Collection<String> shopIds);

    /** Writes the row if it is newer than the stored one; false when the stored row is as new or newer. */
    boolean put(ViewRow row);

    /**
     * Replaces the row with a deletion marker at {@code version} if that is newer, so an older state
     * arriving later is refused; the marker is invisible to queries and expires.
     */
    boolean markDeleted(String shopId, long version, Instant at);

    /** Removes the row whatever its version (the source no longer knows the shop at all). */
    void delete(String shopId);

    /** Row states (live or deletion marker) for the IDs that have a row. */
    Map<String, RowState> states(Collection<String> shopIds);

    /** One page of a (parallel) scan of the rows' states, for orphan sweeps and reconciles. */
    StatePage scan(int segment, int totalSegments, String cursor, int limit);

    record RowState(String shopId, long version, boolean deleted) {
    }

    record StatePage(java.util.List<RowState> rows, String nextCursor) {
        public StatePage {
            rows = java.util.List.copyOf(rows);
        }
    }
}
