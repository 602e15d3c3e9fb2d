package io.zerosync.local.it;

import io.zerosync.shop.domain.Shop;
import io.zerosync.kernel.sync.Projection;

import java.util.Map;

/** A test-only view whose sync function may not write its table (ThirdViewIT): it must never get a row. */
public final class ShopDeniedProjection implements Projection<Shop> {
    @Override
    public String view() {
        return "shop-denied";
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
