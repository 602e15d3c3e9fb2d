package io.zerosync.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The only event Zerosync publishes: an entity of some type changed, here is its ID and the version it
 * reached. It deliberately carries no domain fields; consumers fetch the current state themselves, which
 * makes ordering and duplicates harmless.
 *
 * <p>The SNS message attribute {@code type} is the {@link #routingKey()} ({@code <entityType>Changed}, e.g.
 * {@code ShopChanged}), so subscriptions filter on the entity type they read; it is the same attribute the
 * shop-only {@code ShopChanged} event of earlier releases carried, which is what lets old and new messages
 * share the queues during the migration (see {@link EntityChangedCodec}).
 */
public record EntityChanged(String type, String eventId, String entityType, String id, long version,
                            Instant changedAt) {

    public static final String TYPE = "EntityChanged";
    /** Same pattern as every stored ID, so every stored entity can be announced. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** An entity type is a name a filter policy and a message attribute can carry. */
    public static final Pattern ENTITY_TYPE = Pattern.compile("[A-Z][A-Za-z0-9]{0,63}");

    public EntityChanged {
        if (!TYPE.equals(type)) {
            throw new MalformedEventException("type must be \"" + TYPE + "\", was " + quoted(type));
        }
        if (eventId == null || eventId.isBlank() || eventId.length() > 128) {
            throw new MalformedEventException("eventId must be a non-blank string of at most 128 characters");
        }
        if (entityType == null || !ENTITY_TYPE.matcher(entityType).matches()) {
            throw new MalformedEventException("entityType must match " + ENTITY_TYPE.pattern() + ", was " + quoted(entityType));
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new MalformedEventException("id must match " + ID.pattern() + ", was " + quoted(id));
        }
        if (version < 1) {
            throw new MalformedEventException("version must be >= 1, was " + version);
        }
        Objects.requireNonNull(changedAt, "changedAt");
    }

    /** A fresh announcement with a new event ID. */
    public static EntityChanged of(String entityType, String id, long version, Instant changedAt) {
        return new EntityChanged(TYPE, UUID.randomUUID().toString(), entityType, id, version, changedAt);
    }

    /** The SNS message attribute {@code type} subscriptions filter on: {@code <entityType>Changed}. */
    public String routingKey() {
        return routingKeyOf(entityType);
    }

    public static String routingKeyOf(String entityType) {
        return entityType + "Changed";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
