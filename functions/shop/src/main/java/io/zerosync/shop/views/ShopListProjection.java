package io.zerosync.shop.views;

import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.kernel.sync.Projection;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * shop-list: one summary row per shop for listings. {@code listKey} is the ByCategory index's sort key
 * (its partition key, {@code categoryShard}, is derived from {@code category} by the view's table); it
 * starts with the open flag, so "open shops in a category" is one key condition per shard, sorted by name.
 */
public final class ShopListProjection implements Projection<Shop> {
    public static final String VIEW = "shop-list";
    public static final String LIST_KEY = "listKey";

    @Override
    public String view() {
        return VIEW;
    }

    /**
     * Bump when {@link #project} changes what it writes (see the runbook: after a projection change).
     * 2: rows also carry the sharded index key {@code categoryShard}, which the shop-list's table derives
     * from {@code category} when it stores the row (a storage concern: the fields here are unchanged). Rows
     * written at 1 lack it and are invisible to ByCategory; the bump marks them outdated, so a rebuild
     * re-import (now, every row), event sync (as shops are announced again) and reconcile's repair
     * rewrite them.
     */
    @Override
    public int version() {
        return 2;
    }

    @Override
    public Map<String, Object> project(Shop shop) {
        ShopDetails d = shop.details();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", d.name());
        row.put("category", d.category());
        row.put("open", d.open());
        row.put("minOrderAmount", d.minOrderAmount());
        row.put("deliveryFee", d.deliveryFee());
        row.put("menuCount", d.menus().size());
        d.menus().stream().mapToLong(Menu::price).min().ifPresent(min -> row.put("cheapestMenuPrice", min));
        row.put(LIST_KEY, listKeyPrefix(d.open()) + d.name().toLowerCase(Locale.ROOT) + "#" + shop.shopId());
        return row;
    }

    public static String listKeyPrefix(boolean open) {
        // The digit sorts open shops before closed ones; the name then sorts within each group.
        return open ? "0-open#" : "1-closed#";
    }
}
