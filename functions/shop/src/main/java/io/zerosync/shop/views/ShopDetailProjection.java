package io.zerosync.shop.views;

import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDocument;
import io.zerosync.kernel.sync.Projection;

import java.util.Map;

/** shop-detail: everything a shop page shows, menus included — the shop's whole document. */
public final class ShopDetailProjection implements Projection<Shop> {
    public static final String VIEW = "shop-detail";

    @Override
    public String view() {
        return VIEW;
    }

    /** Bump when {@link #project} changes what it writes (see the runbook: after a projection change). */
    @Override
    public int version() {
        return 1;
    }

    @Override
    public Map<String, Object> project(Shop shop) {
        return ShopDocument.toJson(shop.details());
    }
}
