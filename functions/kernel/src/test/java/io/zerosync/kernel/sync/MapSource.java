package io.zerosync.kernel.sync;

import io.zerosync.kernel.entity.Entity;
import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import io.zerosync.kernel.port.SourceReader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A source of any entity type over a map (tombstones included), for kernel tests. */
public final class MapSource<E extends Entity> implements SourceReader<E> {
    public final Map<String, E> entities = new ConcurrentHashMap<>();
    private final String entityType;

    public MapSource(String entityType) {
        this.entityType = entityType;
    }

    public void put(E entity) {
        entities.put(entity.id(), entity);
    }

    @Override
    public String entityType() {
        return entityType;
    }

    @Override
    public Batch<E> batchGet(List<String> ids) {
        List<E> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, Long> tombstones = new HashMap<>();
        for (String id : ids) {
            E e = entities.get(id);
            if (e == null || e.deleted()) {
                missing.add(id);
                if (e != null) {
                    tombstones.put(id, e.version());
                }
            } else {
                found.add(e);
            }
        }
        return new Batch<>(found, missing, tombstones);
    }

    @Override
    public ExportPage<E> export(ExportQuery query) {
        List<E> matching = entities.values().stream()
                .filter(e -> query.isWindow() || Math.floorMod(e.id().hashCode(), query.totalSegments()) == query.segment())
                .filter(e -> !query.isWindow() || (!e.updatedAt().isBefore(query.updatedFrom())
                        && e.updatedAt().isBefore(query.updatedTo())))
                .sorted(Comparator.comparing(Entity::id)).toList();
        int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
        int to = Math.min(matching.size(), from + query.limit());
        return new ExportPage<>(matching.subList(from, to), to < matching.size() ? Integer.toString(to) : null);
    }

    @Override
    public long approximateCount() {
        return entities.size();
    }
}
