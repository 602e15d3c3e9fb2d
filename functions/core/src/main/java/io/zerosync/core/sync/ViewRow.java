package io.zerosync.core.sync;

import java.time.Instant;
import java.util.Map;

/**
 * A read-model row: the projected fields plus the bookkeeping every view keeps — the source version,
 * when the shop changed ({@code changedAt}) and when this view caught up ({@code syncedAt}).
 */
public record ViewRow(String shopId, long version, Instant changedAt, Instant syncedAt, Map<String, Object> fields) {
    public ViewRow {
        fields = Map.copyOf(fields);
    }

    public long lagMillis() {
        return Math.max(0, syncedAt.toEpochMilli() - changedAt.toEpochMilli());
    }
}
