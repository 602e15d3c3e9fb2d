package io.zerosync.core.sync;

import io.zerosync.core.domain.Shop;
import io.zerosync.core.port.ViewStore;

import java.time.Instant;
import java.util.Map;

/** A read model: how it projects a shop, and where its rows live. */
public record View(Projection projection, ViewStore store) {
    public String name() {
        return projection.view();
    }

    /** The row the current projection makes of a live shop, stamped with its version and content hash. */
    public ViewRow rowOf(Shop shop, Instant syncedAt) {
        Map<String, Object> fields = projection.project(shop);
        return new ViewRow(shop.shopId(), shop.version(), shop.updatedAt(), syncedAt, fields, projection.version(),
                ContentHash.of(fields));
    }
}
