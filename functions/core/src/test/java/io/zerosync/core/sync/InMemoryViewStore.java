package io.zerosync.core.sync;

import io.zerosync.core.port.ViewStore;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A ViewStore with the DynamoDB one's version gate, for engine tests. */
public final class InMemoryViewStore implements ViewStore {
    public final Map<String, ViewRow> rows = new ConcurrentHashMap<>();
    final Map<String, Long> deletedAt = new ConcurrentHashMap<>();

    @Override
    public Map<String, Long> versions(Collection<String> shopIds) {
        Map<String, Long> out = new HashMap<>();
        for (String id : shopIds) {
            Long v = version(id);
            if (v != null) {
                out.put(id, v);
            }
        }
        return out;
    }

    @Override
    public synchronized boolean put(ViewRow row) {
        Long have = version(row.shopId());
        if (have != null && have >= row.version()) {
            return false;
        }
        deletedAt.remove(row.shopId());
        rows.put(row.shopId(), row);
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
        java.util.List<String> ids = new java.util.ArrayList<>(new java.util.TreeSet<>(rows.keySet()));
        ids.addAll(deletedAt.keySet());
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(ids.size(), from + limit);
        java.util.List<RowState> page = ids.subList(from, to).stream().map(id -> state(id).orElseThrow()).toList();
        return new StatePage(page, to < ids.size() ? Integer.toString(to) : null);
    }

    private java.util.Optional<RowState> state(String id) {
        ViewRow row = rows.get(id);
        if (row != null) {
            return java.util.Optional.of(new RowState(id, row.version(), false));
        }
        Long marker = deletedAt.get(id);
        return marker == null ? java.util.Optional.empty() : java.util.Optional.of(new RowState(id, marker, true));
    }

    private Long version(String id) {
        ViewRow row = rows.get(id);
        return row != null ? Long.valueOf(row.version()) : deletedAt.get(id);
    }
}
