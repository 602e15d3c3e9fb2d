package io.zerosync.kernel.sync;

import io.zerosync.kernel.port.ViewStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A ViewStore with the DynamoDB one's gates (see DynamoDbViewStore), for engine tests. Like it, states
 * recompute the content hash from the fields a row holds, so a row edited in place shows.
 */
public final class InMemoryViewStore implements ViewStore {
    public final Map<String, ViewRow> rows = new ConcurrentHashMap<>();
    final Map<String, Long> deletedAt = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<ViewRow> find(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized boolean put(ViewRow row, Gate gate) {
        if (gate == Gate.RESTORE) {
            throw new IllegalArgumentException("restore writes go through replace(row, readVersion)");
        }
        Long have = version(row.id());
        if (have != null && have > row.version()) {
            return false;
        }
        if (have != null && have == row.version()) {
            ViewRow stored = rows.get(row.id());
            int storedProjection = stored == null ? 0 : stored.projectionVersion(); // markers have none
            boolean through = gate == Gate.EVENT ? storedProjection < row.projectionVersion()
                    : storedProjection <= row.projectionVersion();
            if (!through) {
                return false;
            }
        }
        deletedAt.remove(row.id());
        rows.put(row.id(), row);
        return true;
    }

    @Override
    public synchronized boolean replace(ViewRow row, long readVersion) {
        Long have = version(row.id());
        if (have == null || have != readVersion) {
            return false;
        }
        deletedAt.remove(row.id());
        rows.put(row.id(), row);
        return true;
    }

    @Override
    public synchronized boolean replaceDeleted(String shopId, long version, Instant at, long readVersion) {
        Long have = version(shopId);
        if (have == null || have != readVersion) {
            return false;
        }
        rows.remove(shopId);
        deletedAt.put(shopId, version);
        return true;
    }

    @Override
    public synchronized boolean markDeleted(String shopId, long version, Instant at) {
        Long have = version(shopId);
        if (have != null && have >= version) {
            return false;
        }
        rows.remove(shopId);
        deletedAt.put(shopId, version);
        return true;
    }

    @Override
    public void delete(String shopId) {
        rows.remove(shopId);
        deletedAt.remove(shopId);
    }

    @Override
    public Map<String, RowState> states(Collection<String> shopIds) {
        Map<String, RowState> out = new HashMap<>();
        for (String id : shopIds) {
            state(id).ifPresent(s -> out.put(id, s));
        }
        return out;
    }

    @Override
    public StatePage scan(int segment, int totalSegments, String cursor, int limit) {
        List<String> ids = new ArrayList<>(new TreeSet<>(rows.keySet()));
        ids.addAll(deletedAt.keySet());
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(ids.size(), from + limit);
        List<RowState> page = ids.subList(from, to).stream().map(id -> state(id).orElseThrow()).toList();
        return new StatePage(page, to < ids.size() ? Integer.toString(to) : null);
    }

    /** What a projection bug or a hand edit leaves: other fields, same version, same stamps. */
    public void corrupt(String shopId, String field, Object value) {
        ViewRow row = rows.get(shopId);
        Map<String, Object> fields = new HashMap<>(row.fields());
        fields.put(field, value);
        rows.put(shopId, new ViewRow(shopId, row.version(), row.changedAt(), row.syncedAt(), fields,
                row.projectionVersion(), row.contentHash()));
    }

    private Optional<RowState> state(String id) {
        ViewRow row = rows.get(id);
        if (row != null) {
            return Optional.of(new RowState(id, row.version(), false, row.projectionVersion(),
                    ContentHash.of(row.fields())));
        }
        Long marker = deletedAt.get(id);
        return marker == null ? Optional.empty() : Optional.of(new RowState(id, marker, true));
    }

    private Long version(String id) {
        ViewRow row = rows.get(id);
        return row != null ? Long.valueOf(row.version()) : deletedAt.get(id);
    }
}
