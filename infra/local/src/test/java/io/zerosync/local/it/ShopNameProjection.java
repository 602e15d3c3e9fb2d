package io.zerosync.local.it;

import io.zerosync.shop.domain.Shop;
import io.zerosync.kernel.sync.Projection;

import java.util.Map;

/** A test-only third read model: just each shop's name. Nothing but this class and template entries. */
public final class ShopNameProjection implements Projection<Shop> {
    @Override
    public String view() {
        return "shop-name";
    }

    /** Bump when {@link #project} changes what it writes (see the runbook: after a projection change). */
    @Override
    public int version() {
        return 1;
    }

    @Override
    public Map<String, Object> project(Shop shop) {
        return Map.of("name", shop.details().name());
    }
}
