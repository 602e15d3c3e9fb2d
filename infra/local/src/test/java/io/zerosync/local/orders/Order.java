package io.zerosync.local.orders;

import io.zerosync.kernel.entity.Entity;

import java.time.Instant;

/**
 * A second aggregate, test-only: an order of another team's write side, nothing like a shop. It proves the
 * kernel syncs any entity that has an ID, a version, an update time and a deletion mark.
 */
public record Order(String orderId, long version, Instant updatedAt, String customer, long totalCents, boolean deleted)
        implements Entity {
    public static final String ENTITY_TYPE = "Order";

    @Override
    public String id() {
        return orderId;
    }

    Order next(String customer, long totalCents, Instant at) {
        return new Order(orderId, version + 1, at, customer, totalCents, false);
    }

    Order tombstone(Instant at) {
        return new Order(orderId, version + 1, at, null, 0, true);
    }
}
