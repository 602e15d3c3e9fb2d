package io.zerosync.local.it;

import io.zerosync.kernel.sync.Projection;
import io.zerosync.shop.domain.Shop;

import java.util.Map;

/** Test-only views of each shop's name, told apart by their view name (ThirdViewIT declares three). */
abstract class ShopNameViews implements Projection<Shop> {
    private final String view;

    ShopNameViews(String view) {
        this.view = view;
    }

    @Override
    public final String view() {
        return view;
    }

    /** Bump when {@link #project} changes what it writes (see the runbook: after a projection change). */
    @Override
    public final int version() {
        return 1;
    }

    @Override
    public final Map<String, Object> project(Shop shop) {
        return Map.of("name", shop.details().name());
    }
}
