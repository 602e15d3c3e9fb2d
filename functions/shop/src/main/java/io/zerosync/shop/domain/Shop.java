package io.zerosync.shop.domain;

import io.zerosync.kernel.entity.Entity;

import java.time.Instant;
import java.util.Objects;

/**
 * A shop as the write side stores it: a live shop, or a tombstone (details == null) left behind by a
 * delete so that window exports still see the deletion until its TTL expires.
 */
public record Shop(String shopId, long version, Instant updatedAt, ShopDetails details) implements Entity {
    /** The entity type shops are announced as ({@code EntityChanged.entityType}). */
    public static final String ENTITY_TYPE = "Shop";

    public Shop {
        Ids.requireShopId(shopId);
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Shop created(String shopId, ShopDetails details, Instant now) {
        return new Shop(shopId, 1, now, Objects.requireNonNull(details));
    }

    @Override
    public String id() {
        return shopId;
    }

    @Override
    public boolean deleted() {
        return details == null;
    }

    /** The next version of this shop with new details. */
    public Shop changedTo(ShopDetails next, Instant now) {
        return new Shop(shopId, version + 1, later(now), Objects.requireNonNull(next));
    }

    /** The tombstone that replaces this shop. */
    public Shop tombstone(Instant now) {
        return new Shop(shopId, version + 1, later(now), null);
    }

    /** updatedAt never goes backwards, even if two writers' clocks disagree. */
    private Instant later(Instant now) {
        return now.isAfter(updatedAt) ? now : updatedAt.plusMillis(1);
    }
}
