package io.zerosync.local.chaos;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What clients were told: per shop, the highest version a command acknowledged and whether that
 * command was the delete. Only acknowledged (2xx) commands count.
 */
final class Ledger {
    record Acked(long version, boolean deleted) {
    }

    private final Map<String, Acked> shops = new ConcurrentHashMap<>();

    void acknowledged(String shopId, long version, boolean deleted) {
        shops.merge(shopId, new Acked(version, deleted), (old, now) -> now.version() > old.version() ? now : old);
    }

    Map<String, Acked> shops() {
        return Map.copyOf(shops);
    }
}
