package io.zerosync.aws.dynamodb;

import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.kernel.port.PendingAnnouncement;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps a {@link Shop} to its ShopsTable item and back. */
public final class ShopItems {
    static final String SHOP_ID = "shopId";
    static final String VERSION = "version";
    static final String UPDATED_AT = "updatedAt";
    /** Partition key of the ByUpdatedAt index: {@code <UTC day>#<shard>}, e.g. {@code 2026-11-24#007}. */
    static final String UPDATED_SHARD = "updatedShard";
    /** The ByUpdatedAt key of items written before the index was sharded; the migration removes it. */
    static final String UPDATED_DAY = "updatedDay";
    static final String DELETED = "deleted";
    /** DynamoDB TTL attribute (epoch seconds); only tombstones have it. */
    static final String EXPIRES_AT = "expiresAt";
    /**
     * Outbox mark: present (value {@code pending#<shard>}) until the change is announced; keys the sparse
     * pending index. Items written before the index was sharded hold plain {@code pending}.
     */
    public static final String ANNOUNCE = "announcePending";
    static final String PENDING = "pending";

    private ShopItems() {
    }

    public static Map<String, AttributeValue> toItem(Shop shop, Duration tombstoneTtl, IndexShards shards) {
        Map<String, AttributeValue> item = new HashMap<>();
        int shard = shards.of(shop.shopId());
        item.put(SHOP_ID, s(shop.shopId()));
        item.put(VERSION, n(shop.version()));
        item.put(UPDATED_AT, s(Timestamps.format(shop.updatedAt())));
        item.put(UPDATED_SHARD, s(updatedShard(Timestamps.day(shop.updatedAt()), shard)));
        item.put(ANNOUNCE, s(pending(shard)));
        if (shop.deleted()) {
            item.put(DELETED, AttributeValue.fromBool(true));
            item.put(EXPIRES_AT, n(shop.updatedAt().plus(tombstoneTtl).getEpochSecond()));
            return item;
        }
        ShopDetails d = shop.details();
        item.put("name", s(d.name()));
        item.put("category", s(d.category()));
        item.put("address", s(d.address()));
        if (d.phone() != null) {
            item.put("phone", s(d.phone()));
        }
        item.put("minOrderAmount", n(d.minOrderAmount()));
        item.put("deliveryFee", n(d.deliveryFee()));
        item.put("open", AttributeValue.fromBool(d.open()));
        List<AttributeValue> menus = new ArrayList<>();
        for (Menu m : d.menus()) {
            menus.add(AttributeValue.fromM(Map.of(
                    "menuId", s(m.menuId()), "name", s(m.name()), "price", n(m.price()),
                    "soldOut", AttributeValue.fromBool(m.soldOut()))));
        }
        item.put("menus", AttributeValue.fromL(menus));
        return item;
    }

    static Shop fromItem(Map<String, AttributeValue> item) {
        String id = item.get(SHOP_ID).s();
        long version = Long.parseLong(item.get(VERSION).n());
        var updatedAt = Timestamps.parse(item.get(UPDATED_AT).s());
        AttributeValue deleted = item.get(DELETED);
        if (deleted != null && Boolean.TRUE.equals(deleted.bool())) {
            return new Shop(id, version, updatedAt, null);
        }
        List<Menu> menus = new ArrayList<>();
        for (AttributeValue m : item.get("menus").l()) {
            Map<String, AttributeValue> menu = m.m();
            menus.add(new Menu(menu.get("menuId").s(), menu.get("name").s(), Long.parseLong(menu.get("price").n()),
                    menu.get("soldOut").bool()));
        }
        AttributeValue phone = item.get("phone");
        ShopDetails details = new ShopDetails(item.get("name").s(), item.get("category").s(), item.get("address").s(),
                phone == null ? null : phone.s(), Long.parseLong(item.get("minOrderAmount").n()),
                Long.parseLong(item.get("deliveryFee").n()), item.get("open").bool(), menus);
        return new Shop(id, version, updatedAt, details);
    }

    /**
     * The outbox's view of an item: ID, version and time only.
     *
     * @throws IllegalArgumentException naming what is wrong when the item is not a readable pending change
     */
    static PendingAnnouncement pendingFromItem(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(VERSION);
        if (version == null) {
            throw new IllegalArgumentException("version is missing");
        }
        if (version.n() == null) {
            throw new IllegalArgumentException("version is not a number (type " + version.type() + ")");
        }
        long v;
        try {
            v = Long.parseLong(version.n());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version is not a whole number: " + version.n());
        }
        if (v < 1) {
            throw new IllegalArgumentException("version is below 1: " + v);
        }
        String updatedAt = item.get(UPDATED_AT).s();
        try {
            return new PendingAnnouncement(item.get(SHOP_ID).s(), v, Timestamps.parse(updatedAt));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("updatedAt is not a timestamp: " + updatedAt);
        }
    }

    /** The ByUpdatedAt partition of a UTC day's shard. */
    static String updatedShard(String day, int shard) {
        return day + "#" + IndexShards.label(shard);
    }

    /** The PendingAnnouncements partition of a shard. */
    static String pending(int shard) {
        return PENDING + "#" + IndexShards.label(shard);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
