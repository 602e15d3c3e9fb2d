package io.zerosync.local.it;

import io.zerosync.shop.domain.Shop;
import io.zerosync.kernel.sync.Projection;

import java.util.Map;

/** A test-only view whose queue policy lets another topic send (ThirdViewIT): it must never get a row. */
public final class ShopGuardedProjection implements Projection<Shop> {
    @Override
    public String view() {
        return "shop-guarded";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Map<String, Object> project(Shop shop) {
        return Map.of("name", shop.details().name());
    }
}
