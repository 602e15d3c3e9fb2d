package io.zerosync.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * JSON codec for {@link EntityChanged}, and the unwrapping of an SQS body that may be an SNS envelope
 * (standard subscription) or the event itself (raw delivery, or a republish sent straight to a queue).
 *
 * <p>Migration: messages in the shop-only shape of earlier releases
 * ({@code {"type":"ShopChanged","eventId":..,"shopId":..,"version":..,"changedAt":..}}) are still decoded,
 * as an {@code EntityChanged} of entity type {@code Shop}, so queues and DLQs holding them drain normally
 * after the upgrade. Publishers send only the new shape.
 */
public final class EntityChangedCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("type", "eventId", "entityType", "id", "version", "changedAt");
    /** The earlier release's event: its type name, and its fields. */
    static final String LEGACY_SHOP_TYPE = "ShopChanged";
    private static final Set<String> LEGACY_SHOP_FIELDS = Set.of("type", "eventId", "shopId", "version", "changedAt");

    private EntityChangedCodec() {
    }

    public static String encode(EntityChanged event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", event.type());
        node.put("eventId", event.eventId());
        node.put("entityType", event.entityType());
        node.put("id", event.id());
        node.put("version", event.version());
        // Millisecond precision, as the contract's example shows; DynamoDB stores the same.
        node.put("changedAt", event.changedAt().truncatedTo(ChronoUnit.MILLIS).toString());
        return node.toString();
    }

    /** Decodes the event JSON itself. Unknown fields are rejected: the contract forbids domain fields. */
    public static EntityChanged decode(String json) {
        return fromNode(parse(json, "event"));
    }

    /**
     * Decodes an SQS message body: an SNS notification envelope ({@code "Type":"Notification"}) is
     * opened and its {@code Message} decoded; anything else is decoded as the event itself.
     */
    public static EntityChanged decodeSqsBody(String body) {
        JsonNode node = parse(body, "SQS body");
        if (node.has("Type") && "Notification".equals(node.get("Type").asText())) {
            JsonNode message = node.get("Message");
            if (message == null || !message.isTextual()) {
                throw new MalformedEventException("SNS envelope has no string Message");
            }
            return decode(message.asText());
        }
        return fromNode(node);
    }

    private static JsonNode parse(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException(what + " is empty");
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new MalformedEventException(what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static EntityChanged fromNode(JsonNode node) {
        boolean legacy = node.get("type") != null && LEGACY_SHOP_TYPE.equals(node.get("type").asText());
        Set<String> allowed = legacy ? LEGACY_SHOP_FIELDS : FIELDS;
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new MalformedEventException("unexpected field \"" + name + "\" (events carry no payload)");
            }
        });
        JsonNode version = node.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToLong()) {
            throw new MalformedEventException("version must be an integer");
        }
        if (legacy) {
            return new EntityChanged(EntityChanged.TYPE, text(node, "eventId"), "Shop", text(node, "shopId"),
                    version.asLong(), instant(node));
        }
        return new EntityChanged(text(node, "type"), text(node, "eventId"), text(node, "entityType"),
                text(node, "id"), version.asLong(), instant(node));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedEventException(field + " must be a string");
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node) {
        String raw = text(node, "changedAt");
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("changedAt must be an ISO-8601 UTC timestamp, was \"" + raw + "\"", e);
        }
    }
}
