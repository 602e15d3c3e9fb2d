package io.zerosync.kernel.sync;

import java.time.Instant;
import java.util.Map;

/**
 * A read-model row: the projected fields plus the bookkeeping every view keeps — the source version,
 * when the entity changed ({@code changedAt}), when this view caught up ({@code syncedAt}), the version
 * of the projection that wrote it and the {@link ContentHash} of its fields.
 */
public record ViewRow(String id, long version, Instant changedAt, Instant syncedAt, Map<String, Object> fields,
                      int projectionVersion, String contentHash) {
    public ViewRow {
        fields = Map.copyOf(fields);
    }

    /** A row as read back (queries) or planted by tests: no projection version, hash of its fields. */
    public ViewRow(String id, long version, Instant changedAt, Instant syncedAt, Map<String, Object> fields) {
        this(id, version, changedAt, syncedAt, fields, 0, ContentHash.of(fields));
    }

    public long lagMillis() {
        return Math.max(0, syncedAt.toEpochMilli() - changedAt.toEpochMilli());
    }
}
