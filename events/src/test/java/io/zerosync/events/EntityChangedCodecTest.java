package io.zerosync.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntityChangedCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void roundTripsEveryField_whenEncodedThenDecoded() {
        EntityChanged event = EntityChanged.of("Order", "ord-1", 7, Instant.parse("2026-11-22T23:00:00.123Z"));

        EntityChanged decoded = EntityChangedCodec.decode(EntityChangedCodec.encode(event));

        assertEquals(event, decoded);
    }

    @Test
    void writesOnlyTheContractFields_whenEncoded() throws IOException {
        JsonNode node = JSON.readTree(EntityChangedCodec.encode(EntityChanged.of("Shop", "s", 1, Instant.EPOCH)));

        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeSet<>(Set.of("type", "eventId", "entityType", "id", "version", "changedAt")), names);
        assertTrue(node.get("version").isIntegralNumber());
    }

    @Test
    void opensTheSnsEnvelope_whenBodyIsANotification() {
        String inner = "{\"type\":\"EntityChanged\",\"eventId\":\"e1\",\"entityType\":\"Order\",\"id\":\"s1\","
                + "\"version\":3,\"changedAt\":\"2026-11-22T23:00:00.123Z\"}";
        String envelope = JSON.createObjectNode().put("Type", "Notification").put("MessageId", "m")
                .put("Message", inner).toString();

        EntityChanged event = EntityChangedCodec.decodeSqsBody(envelope);

        assertEquals("s1", event.id());
        assertEquals("Order", event.entityType());
        assertEquals(3, event.version());
    }

    @Test
    void decodesTheEarlierShopChangedShape_asAShopEntity_duringTheMigration() {
        String legacy = "{\"type\":\"ShopChanged\",\"eventId\":\"e1\",\"shopId\":\"shp_1\",\"version\":4,"
                + "\"changedAt\":\"2026-11-22T23:00:00.123Z\"}";

        EntityChanged event = EntityChangedCodec.decode(legacy);

        assertEquals(new EntityChanged(EntityChanged.TYPE, "e1", "Shop", "shp_1", 4, Instant.parse("2026-11-22T23:00:00.123Z")),
                event);
        assertEquals("ShopChanged", event.routingKey());
    }

    @Test
    void refusesAMixOfTheTwoShapes() {
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decode("{\"type\":\"ShopChanged\",\"eventId\":\"e\","
                + "\"id\":\"s\",\"shopId\":\"s\",\"version\":1,\"changedAt\":\"2026-11-22T23:00:00Z\"}"));
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decode("{\"type\":\"EntityChanged\",\"eventId\":\"e\","
                + "\"entityType\":\"Shop\",\"shopId\":\"s\",\"version\":1,\"changedAt\":\"2026-11-22T23:00:00Z\"}"));
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decode("{\"type\":\"EntityChanged\",\"eventId\":\"e\","
                + "\"entityType\":\"shop; drop\",\"id\":\"s\",\"version\":1,\"changedAt\":\"2026-11-22T23:00:00Z\"}"));
    }

    @Test
    void rejectsDomainFields_becauseEventsCarryNoPayload() {
        String json = "{\"type\":\"ShopChanged\",\"eventId\":\"e\",\"shopId\":\"s\",\"version\":1,"
                + "\"changedAt\":\"2026-11-22T23:00:00Z\",\"name\":\"leak\"}";

        MalformedEventException e = assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decode(json));
        assertTrue(e.getMessage().contains("name"), e.getMessage());
    }

    @Test
    void rejectsBrokenEvents_withAReasonPerField() {
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decodeSqsBody("{not json"));
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decodeSqsBody(""));
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decode("[1]"));
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decode(
                "{\"type\":\"ShopDeleted\",\"eventId\":\"e\",\"shopId\":\"s\",\"version\":1,\"changedAt\":\"2026-11-22T23:00:00Z\"}"));
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decode(
                "{\"type\":\"ShopChanged\",\"eventId\":\"e\",\"shopId\":\"s\",\"version\":1.5,\"changedAt\":\"2026-11-22T23:00:00Z\"}"));
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decode(
                "{\"type\":\"ShopChanged\",\"eventId\":\"e\",\"shopId\":\"s\",\"version\":0,\"changedAt\":\"2026-11-22T23:00:00Z\"}"));
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decode(
                "{\"type\":\"ShopChanged\",\"eventId\":\"e\",\"shopId\":\"a b\",\"version\":1,\"changedAt\":\"2026-11-22T23:00:00Z\"}"));
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decode(
                "{\"type\":\"ShopChanged\",\"eventId\":\"e\",\"shopId\":\"s\",\"version\":1,\"changedAt\":\"yesterday\"}"));
    }

    @Test
    void schemaNamesExactlyTheRecordsFields() throws IOException {
        JsonNode schema = resource("zerosync-events/schema/entity-changed.schema.json");

        Set<String> required = new HashSet<>();
        schema.get("required").forEach(n -> required.add(n.asText()));
        Set<String> components = new HashSet<>();
        Arrays.stream(EntityChanged.class.getRecordComponents()).forEach(c -> components.add(c.getName()));
        assertEquals(components, required);
        assertEquals(false, schema.get("additionalProperties").asBoolean());
        EntityChangedCodec.decode(schema.get("examples").get(0).toString());
    }

    @Test
    void decodesEverySampleSqsMessage_exceptThePoison() throws IOException {
        for (String sample : new String[] {"sqs-shop-changed-sns.json", "sqs-shop-changed-raw.json"}) {
            for (JsonNode record : resource("zerosync-events/samples/" + sample).get("Records")) {
                EntityChanged event = EntityChangedCodec.decodeSqsBody(record.get("body").asText());
                assertTrue(event.version() >= 1);
            }
        }
        JsonNode poison = resource("zerosync-events/samples/sqs-shop-changed-poison.json").get("Records");
        assertThrows(MalformedEventException.class, () -> EntityChangedCodec.decodeSqsBody(poison.get(1).get("body").asText()));
    }

    private static JsonNode resource(String path) throws IOException {
        try (InputStream in = EntityChangedCodecTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return JSON.readTree(in);
        }
    }
}
