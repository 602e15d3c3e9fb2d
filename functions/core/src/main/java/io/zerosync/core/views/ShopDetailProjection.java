package io.zerosync.core.views;

import io.zerosync.core.domain.Menu;
import io.zerosync.core.domain.Shop;
import io.zerosync.core.domain.ShopDetails;
import io.zerosync.core.sync.Projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** shop-detail: everything a shop page shows, menus included. */
public final class ShopDetailProjection implements Projection {
    public static final String VIEW = "shop-detail";

    @Override
    public String view() {
        return VIEW;
    }

    @Override
    public Map<String, Object> project(Shop shop) {
        ShopDetails d = shop.details();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", d.name());
        row.put("category", d.category());
        row.put("address", d.address());
        if (d.phone() != null) {
            row.put("phone", d.phone());
        }
        row.put("minOrderAmount", d.minOrderAmount());
        row.put("deliveryFee", d.deliveryFee());
        row.put("open", d.open());
        List<Object> menus = new ArrayList<>();
        for (Menu m : d.menus()) {
            Map<String, Object> menu = new LinkedHashMap<>();
            menu.put("menuId", m.menuId());
            menu.put("name", m.name());
            menu.put("price", m.price());
            menu.put("soldOut", m.soldOut());
            menus.add(menu);
        }
        row.put("menus", menus);
        return row;
    }
}
