package io.zerosync.shop.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/** Shop and menu identifiers: URL-safe, short, and checked at every boundary. */
public final class Ids {
    /** The kernel's entity ID pattern (the event contract's), so every stored ID can be announced. */
    public static final Pattern ID = io.zerosync.events.EntityChanged.ID;

    private Ids() {
    }

    public static String newShopId() {
        return "shp_" + UUID.randomUUID().toString().replace("-", "");
    }

    public static String newMenuId() {
        return "mnu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static String requireShopId(String id) {
        return require(id, "shopId");
    }

    public static String requireMenuId(String id) {
        return require(id, "menuId");
    }

    private static String require(String id, String field) {
        return io.zerosync.kernel.entity.EntityIds.require(id, field);
    }
}
