package io.zerosync.kernel.port;

import io.zerosync.kernel.entity.Entity;

import java.util.List;

/** One page of an export (tombstones included, marked deleted); {@code nextCursor} is null on the last page. */
public record ExportPage<E extends Entity>(List<E> entities, String nextCursor) {
    public ExportPage {
        entities = List.copyOf(entities);
    }
}
