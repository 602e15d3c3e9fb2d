package io.zerosync.kernel.sync;

/**
 * Which rows a sync may overwrite. Every gate refuses to move a row to an older source version.
 *
 * <ul>
 *   <li>{@link #EVENT}: live events. Writes a newer version, or the same version when the row was
 *       written by an older projection version; skips rows already current.</li>
 *   <li>{@link #REBUILD}: re-imports. Also rewrites a row at the same version whose content differs
 *       from what the current projection makes of the source (a projection bug, a hand edit).</li>
 *   <li>{@link #RESTORE}: reconcile repair of rows <em>ahead</em> of the source (after a point-in-time
 *       restore of the write table). Like REBUILD, and a row newer than the source is replaced by the
 *       source's state (its live state, or a deletion marker at its tombstone's version) on condition that it
 *       still holds the version just read.</li>
 * </ul>
 */
public enum Gate {
    EVENT, REBUILD, RESTORE
}
