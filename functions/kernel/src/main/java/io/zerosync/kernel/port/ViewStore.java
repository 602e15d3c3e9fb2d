package io.zerosync.kernel.port;

import io.zerosync.kernel.sync.Gate;
import io.zerosync.kernel.sync.ViewRow;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One read model's table. Every write is gated (see {@link Gate}): a row never moves to an older
 * source version, so duplicates, reordering and replays are harmless.
 */
public interface ViewStore {

    /**
     * Writes the row if the gate lets it through against the stored one:
     * <ul>
     *   <li>no row, or an older version: always;</li>
     *   <li>same version: EVENT when the stored row's projection version is older; REBUILD and RESTORE
     *       also when the stored projection version is not newer (the engine has read the row and found
     *       its content different);</li>
     *   <li>newer version: never.</li>
     * </ul>
     * @return false when the gate refused the write
     */
    boolean put(ViewRow row, Gate gate);

    /** {@link #put(ViewRow, Gate)} with the event gate. */
    default boolean put(ViewRow row) {
        return put(row, Gate.EVENT);
    }

    /**
     * Replaces the row, whatever it holds, on condition that its version is still {@code readVersion}
     * (what the caller just read): pulls a row that is ahead of the source back to it without ever
     * overwriting a write that happened since the read.
     */
    boolean replace(ViewRow row, long readVersion);

    /**
     * Replaces the row with a deletion marker at {@code version} if that is newer, so an older state
     * arriving later is refused; the marker is invisible to queries and expires.
     */
    boolean markDeleted(String id, long version, Instant at);

    /**
     * Replaces the row with a deletion marker at {@code version}, on condition that its version is still
     * {@code readVersion}: a live row ahead of the source's tombstone goes back to the source's state.
     */
    boolean replaceDeleted(String id, long version, Instant at, long readVersion);

    /** Removes the row whatever its version (the source no longer knows the entity at all). */
    void delete(String id);

    /** The live row of an ID, as the query side serves it (a deletion marker reads as none). */
    Optional<ViewRow> find(String id);

    /** Row states (live or deletion marker) for the IDs that have a row. */
    Map<String, RowState> states(Collection<String> ids);

    /** One page of a (parallel) scan of the rows' states, for orphan sweeps and reconciles. */
    StatePage scan(int segment, int totalSegments, String cursor, int limit);

    /**
     * What a row holds, as read. {@code contentHash} is the {@link io.zerosync.kernel.sync.ContentHash}
     * of the fields actually stored (recomputed on read, so a hand edit or a bug shows even where the
     * hash attribute written with the row was left alone); {@code projectionVersion} is 0 for rows
     * written before projections had versions, and for deletion markers.
     */
    record RowState(String id, long version, boolean deleted, int projectionVersion, String contentHash) {
        public RowState(String id, long version, boolean deleted) {
            this(id, version, deleted, 0, null);
        }
    }

    record StatePage(List<RowState> rows, String nextCursor) {
        public StatePage {
            rows = List.copyOf(rows);
        }
    }
}
