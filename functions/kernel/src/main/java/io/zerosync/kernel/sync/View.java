package io.zerosync.kernel.sync;

import io.zerosync.kernel.entity.Entity;
import io.zerosync.kernel.port.SourceReader;
import io.zerosync.kernel.port.ViewStore;

import java.time.Instant;
import java.util.Map;

/** A read model: where its entities come from, how it projects one, and where its rows live. */
public record View<E extends Entity>(Projection<E> projection, ViewStore store, SourceReader<E> source) {
    public String name() {
        return projection.view();
    }

    /** The row the current projection makes of a live entity, stamped with its version and content hash. */
    public ViewRow rowOf(E entity, Instant syncedAt) {
        Map<String, Object> fields = projection.project(entity);
        return new ViewRow(entity.id(), entity.version(), entity.updatedAt(), syncedAt, fields, projection.version(),
                ContentHash.of(fields));
    }
}
