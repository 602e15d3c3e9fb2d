package io.zerosync.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The only event Zerosync publishes: a shop changed, here is its ID and the version it reached.
 * It deliberately carries no domain fields; consumers fetch the current state themselves, which makes
 * ordering and duplicates harmless.
 */
public record ShopChanged(String type, String eventId, String shopId, long version, Instant changedAt) {

    public static final String TYPE = "ShopChanged";
    private static final Pattern SHOP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ShopChanged {
        if (!TYPE.equals(type)) {
            throw new MalformedEventException("type must be \"" + TYPE + "\", was " + quoted(type));
        }
        if (eventId == null || eventId.isBlank() || eventId.length() > 128) {
            throw new MalformedEventException("eventId must be a non-blank string of at most 128 characters");
        }
        if (shopId == null || !SHOP_ID.matcher(shopId).matches()) {
            throw new MalformedEventException("shopId must match " + SHOP_ID.pattern() + ", was " + quoted(shopId));
        }
        if (version < 1) {
            throw new MalformedEventException("version must be >= 1, was " + version);
        }
        Objects.requireNonNull(changedAt, "changedAt");
    }

    /** A fresh announcement with a new event ID. */
    public static ShopChanged of(String shopId, long version, Instant changedAt) {
        return new ShopChanged(TYPE, UUID.randomUUID().toString(), shopId, version, changedAt);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
