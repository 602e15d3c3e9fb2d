package io.zerosync.local.it;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.events.EntityChanged;
import io.zerosync.events.EntityChangedCodec;
import io.zerosync.local.LocalCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The write side and the source API over real HTTP on the local cloud (pollers off: queues are inspected). */
class WriteSideIT {
    private static LocalCloud cloud;
    private static Api api;

    @BeforeAll
    static void start() {
        cloud = TestClouds.quiet();
        api = new Api(cloud);
    }

    private static List<EntityChanged> announcements(String queue, String shopId, int atLeast) {
        return announcements(queue, List.of(shopId), atLeast);
    }

    /** Announcements of these shops on the queue (consumed), once each has at least {@code atLeast} or time is up. */
    private static List<EntityChanged> announcements(String queue, List<String> shopIds, int atLeast) {
        String url = cloud.stack().resource(queue).url();
        List<EntityChanged> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (shopIds.stream().anyMatch(id -> seen.stream().filter(e -> e.id().equals(id)).count() < atLeast)
                && System.nanoTime() < deadline) {
            for (Message m : cloud.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                JsonNode envelope = read(m.body());
                assertEquals("Notification", envelope.get("Type").asText(), "read models receive the SNS envelope");
                assertEquals("ShopChanged", envelope.at("/MessageAttributes/type/Value").asText());
                seen.add(EntityChangedCodec.decodeSqsBody(m.body()));
                cloud.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return seen.stream().filter(e -> shopIds.contains(e.id())).toList();
    }

    private static JsonNode read(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCreateWritesTheItem_andAnnouncesIdAndVersionOnEveryReadModelQueue() {
        Api.Reply created = api.post("/shops", Api.shop("Announce", "korean"));
        assertEquals(201, created.status());
        String id = created.text("shopId");
        assertEquals("\"1\"", created.header("ETag"));
        assertEquals("/shops/" + id, created.header("Location"));

        Map<String, AttributeValue> item = cloud.dynamo().getItem(r -> r.tableName("ShopsTable")
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
        assertEquals("Announce", item.get("name").s());
        assertEquals("1", item.get("version").n());

        for (String queue : List.of("ShopDetailView.Queue", "ShopListView.Queue")) {
            List<EntityChanged> events = announcements(queue, id, 1);
            assertEquals(1, events.size(), queue);
            assertEquals(1, events.get(0).version());
        }
    }

    @Test
    void aChangeWhosePublishFailedIsStillAcknowledged_andTheOutboxSweeperAnnouncesIt() throws Exception {
        // The command function's SNS is unreachable: the write succeeds, the announcement cannot go out.
        var broken = cloud.environmentOf("CommandApiFunction").with(Map.of("ZEROSYNC_LOCAL_SNS_ENDPOINT",
                "http://localhost:" + io.zerosync.local.emulators.FreePort.pick()));
        String id;
        try (var context = broken.startContext()) {
            var commands = context.getBean(io.zerosync.shop.command.ShopCommands.class);
            id = commands.create(Api.shop("Outbox", "korean"), null).shopId();
        }
        Map<String, AttributeValue> item = cloud.dynamo().getItem(r -> r.tableName("ShopsTable")
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
        assertTrue(item.get("announcePending").s().matches("pending#\\d{3}"),
                "the change waits in the outbox, in its shard: " + item.get("announcePending").s());

        var sweeperEnv = cloud.environmentOf("OutboxSweeperFunction").with(Map.of("ZEROSYNC_OUTBOX_GRACE_SECONDS", "0"));
        try (var sweeper = new io.zerosync.functions.outbox.OutboxSweeperHandler(sweeperEnv.startContext())) {
            // Swept until announced (by this sweeper, or by the scheduled one the local cloud runs as well).
            String swept = id;
            io.zerosync.local.testing.Eventually.await("the outbox index to show it", java.time.Duration.ofSeconds(10),
                    () -> sweeper.handleRequest(new ScheduledEvent(), null), r -> !pending(swept));
        }
        for (String queue : List.of("ShopDetailView.Queue", "ShopListView.Queue")) {
            assertEquals(1, announcements(queue, id, 1).size(), queue);
        }
        assertFalse(cloud.dynamo().getItem(r -> r.tableName("ShopsTable")
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item().containsKey("announcePending"));
    }

    /** The sample EventBridge schedule event (events/samples), as Lambda hands it to the sweeper. */
    private static ScheduledEvent scheduledEvent() throws Exception {
        JsonNode n;
        try (var in = WriteSideIT.class.getClassLoader().getResourceAsStream("zerosync-events/samples/scheduled-outbox-sweep.json")) {
            n = Api.JSON.readTree(in);
        }
        ScheduledEvent event = new ScheduledEvent();
        event.setId(n.get("id").asText());
        event.setSource(n.get("source").asText());
        event.setDetailType(n.get("detail-type").asText());
        event.setAccount(n.get("account").asText());
        event.setRegion(n.get("region").asText());
        event.setTime(new org.joda.time.DateTime(n.get("time").asText()));
        event.setResources(List.of(n.get("resources").get(0).asText()));
        event.setDetail(Map.of());
        return event;
    }

    /** A pending item as a projection bug or a hand edit might leave it: in the outbox, older than anything. */
    private static String plantCorruptPendingItem(String label, AttributeValue version) {
        String id = "shp_corrupt_" + label + "_" + System.nanoTime();
        Map<String, AttributeValue> item = new HashMap<>(Map.of("shopId", AttributeValue.fromS(id),
                "announcePending", AttributeValue.fromS("pending"),
                "updatedAt", AttributeValue.fromS("2001-01-01T00:00:00.000Z"),
                "updatedDay", AttributeValue.fromS("2001-01-01"), "name", AttributeValue.fromS("Corrupt")));
        if (version != null) {
            item.put("version", version);
        }
        cloud.dynamo().putItem(r -> r.tableName("ShopsTable").item(item));
        return id;
    }

    private static boolean pending(String shopId) {
        return cloud.dynamo().getItem(r -> r.tableName("ShopsTable").consistentRead(true)
                .key(Map.of("shopId", AttributeValue.fromS(shopId)))).item().containsKey("announcePending");
    }

    @Test
    void corruptPendingItemsAreReportedWithTheirIds_andTheChangesBehindThemAreStillAnnounced() throws Exception {
        List<String> corrupt = new ArrayList<>(List.of(plantCorruptPendingItem("noversion", null),
                plantCorruptPendingItem("textversion", AttributeValue.fromS("seven")),
                plantCorruptPendingItem("fraction", AttributeValue.fromN("1.5"))));
        // More than a page of them (the sweeper reads 100 at a time): re-reading from the start would never get past.
        for (int i = 0; i < 120; i++) {
            corrupt.add(plantCorruptPendingItem("bulk" + i, null));
        }
        var lines = new io.zerosync.local.testing.JsonLogCapture("zerosync.outbox");
        try {
            // Real changes behind them whose announcement could not go out: the command function's SNS is unreachable.
            var broken = cloud.environmentOf("CommandApiFunction").with(Map.of("ZEROSYNC_LOCAL_SNS_ENDPOINT",
                    "http://localhost:" + io.zerosync.local.emulators.FreePort.pick()));
            List<String> good = new ArrayList<>();
            try (var context = broken.startContext()) {
                var commands = context.getBean(io.zerosync.shop.command.ShopCommands.class);
                good.add(commands.create(Api.shop("Behind One", "korean"), null).shopId());
                good.add(commands.create(Api.shop("Behind Two", "korean"), null).shopId());
            }
            assertTrue(good.stream().allMatch(WriteSideIT::pending), "the changes wait in the outbox");
            assertTrue(lines.messages().stream().anyMatch(l -> l.contains("\"AnnouncementsDeferred\":1")),
                    "the command path counts each deferred announcement (EMF)");

            var sweeperEnv = cloud.environmentOf("OutboxSweeperFunction").with(Map.of("ZEROSYNC_OUTBOX_GRACE_SECONDS", "0"));
            try (var sweeper = new io.zerosync.functions.outbox.OutboxSweeperHandler(sweeperEnv.startContext())) {
                ScheduledEvent event = scheduledEvent();
                Map<String, Object> swept = io.zerosync.local.testing.Eventually.await("the good changes to be announced",
                        java.time.Duration.ofSeconds(10), () -> sweeper.handleRequest(event, Contexts.of("OutboxSweeperFunction")),
                        r -> good.stream().noneMatch(WriteSideIT::pending));
                @SuppressWarnings("unchecked")
                List<String> failed = (List<String>) swept.get("failedShopIds");
                assertTrue(failed.containsAll(corrupt), "every corrupt item is reported by ID: " + swept);
                assertTrue((Integer) swept.get("errors") >= corrupt.size(), swept.toString());
            }
            for (String queue : List.of("ShopDetailView.Queue", "ShopListView.Queue")) {
                assertEquals(Set.copyOf(good), announcements(queue, good, 1).stream().map(EntityChanged::id)
                        .collect(java.util.stream.Collectors.toSet()), queue);
            }
            assertTrue(corrupt.stream().allMatch(WriteSideIT::pending), "a corrupt item stays for an operator to fix");
            List<JsonNode> failedLines = lines.events("outbox_item_failed");
            for (String id : corrupt) {
                assertTrue(failedLines.stream().anyMatch(l -> id.equals(l.path("entityId").asText())),
                        "a structured line names " + id);
            }
            List<String> log = lines.messages();
            assertTrue(log.stream().anyMatch(l -> l.contains("\"CloudWatchMetrics\"") && l.contains("\"OutboxSweeperErrors\"")
                    && !l.contains("\"OutboxSweeperErrors\":0")), "sweeper errors reach the metric (EMF)");
        } finally {
            lines.close();
            corrupt.forEach(id -> cloud.dynamo().deleteItem(r -> r.tableName("ShopsTable")
                    .key(Map.of("shopId", AttributeValue.fromS(id)))));
        }
    }

    @Test
    void ifMatchRefusesAStaleVersion_andChangesNothing() {
        String id = api.createShop("Match", "korean");
        assertEquals(200, api.call("PATCH", "/shops/" + id, Map.of("name", "Second"), "If-Match", "\"1\"").status());

        Api.Reply stale = api.call("PATCH", "/shops/" + id, Map.of("name", "Lost"), "If-Match", "\"1\"");

        assertEquals(412, stale.status());
        assertEquals("version_mismatch", stale.text("error"));
        assertEquals("\"2\"", stale.header("ETag"));
        assertEquals("Second", api.get("/internal/shops/" + id).text("name"));
        assertEquals(404, api.call("PATCH", "/shops/shp_unknown", Map.of("name", "x"), "If-Match", "\"1\"").status());
    }

    @Test
    void idempotentCreateReplaysTheFirstResult_andRefusesTheKeyWithAnotherBody() {
        String key = "key-" + System.nanoTime();
        Api.Reply first = api.post("/shops", Api.shop("Idem", "korean"), "Idempotency-Key", key);
        Api.Reply replay = api.post("/shops", Api.shop("Idem", "korean"), "Idempotency-Key", key);
        Api.Reply other = api.post("/shops", Api.shop("Other", "korean"), "Idempotency-Key", key);

        assertEquals(201, first.status());
        assertEquals(201, replay.status());
        assertEquals(first.text("shopId"), replay.text("shopId"));
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(422, other.status());
        assertEquals("idempotency_key_reused", other.text("error"));
    }

    @Test
    void menusArePutAndDeleted_eachWriteBumpingTheVersion() {
        String id = api.createShop("Menus", "korean");

        Api.Reply put = api.call("PUT", "/shops/" + id + "/menus/m3", Map.of("name", "Third", "price", 100));
        Api.Reply deleted = api.call("DELETE", "/shops/" + id + "/menus/m1", null);

        assertEquals(2, put.body().get("version").asLong());
        assertEquals(3, deleted.body().get("version").asLong());
        JsonNode shop = api.get("/internal/shops/" + id).body();
        List<String> menus = new ArrayList<>();
        shop.get("menus").forEach(m -> menus.add(m.get("menuId").asText()));
        assertEquals(List.of("m2", "m3"), menus);
        assertEquals(404, api.call("DELETE", "/shops/" + id + "/menus/m1", null).status());
    }

    @Test
    void aDeletedShopIsGoneEverywhere_butItsTombstoneShowsInWindowExports() {
        Instant before = Instant.now().minusSeconds(1);
        String id = api.createShop("Doomed", "korean");

        Api.Reply deleted = api.call("DELETE", "/shops/" + id, null);
        assertEquals(204, deleted.status());
        assertEquals("\"2\"", deleted.header("ETag"));

        assertEquals(404, api.get("/internal/shops/" + id).status());
        assertEquals(404, api.call("PATCH", "/shops/" + id, Map.of("name", "x")).status());
        assertEquals(404, api.call("DELETE", "/shops/" + id, null).status());
        JsonNode batch = api.post("/internal/shops/batch-get", Map.of("ids", List.of(id))).body();
        assertEquals(List.of(id), List.of(batch.get("missing").get(0).asText()));
        assertEquals(2, batch.get("tombstones").get(id).asLong());

        JsonNode window = exportAll("updatedFrom=" + before + "&updatedTo=" + Instant.now().plusSeconds(1)).get(id);
        assertNotNull(window, "the tombstone is in the window export");
        assertTrue(window.get("deleted").asBoolean());
        assertEquals(2, window.get("version").asLong());
        Map<String, AttributeValue> item = cloud.dynamo().getItem(r -> r.tableName("ShopsTable")
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
        assertTrue(Long.parseLong(item.get("expiresAt").n()) > Instant.now().getEpochSecond(), "tombstones expire by TTL");
    }

    @Test
    void exportSegmentsCoverEveryItemExactlyOnce() {
        for (int i = 0; i < 40; i++) {
            api.createShop("Seg " + i, "segments");
        }
        Set<String> all = exportAll("totalSegments=1&segment=0&limit=7").keySet();
        for (int total : new int[] {1, 3, 8}) {
            List<String> seen = new ArrayList<>();
            for (int segment = 0; segment < total; segment++) {
                seen.addAll(exportAll("segment=" + segment + "&totalSegments=" + total + "&limit=5&fields=ids").keySet());
            }
            assertEquals(seen.size(), new HashSet<>(seen).size(), total + " segments returned a shop twice");
            assertEquals(all, new HashSet<>(seen), total + " segments missed shops");
        }
        assertTrue(all.size() >= 40);
    }

    @Test
    void batchGetAnswersFoundMissingAndDeleted() {
        String live = api.createShop("Live", "korean");
        String gone = api.createShop("Gone", "korean");
        api.call("DELETE", "/shops/" + gone, null);

        JsonNode r = api.post("/internal/shops/batch-get", Map.of("ids", List.of(live, gone, "shp_never"))).body();

        assertEquals(1, r.get("shops").size());
        assertEquals(live, r.get("shops").get(0).get("shopId").asText());
        assertEquals("Live", r.get("shops").get(0).get("name").asText());
        Set<String> missing = new HashSet<>();
        r.get("missing").forEach(m -> missing.add(m.asText()));
        assertEquals(Set.of(gone, "shp_never"), missing);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add("s" + i);
        }
        assertEquals(400, api.post("/internal/shops/batch-get", Map.of("ids", tooMany)).status());
    }

    @Test
    void badInputGetsAClear400_andChangesNothing() {
        long before = count();
        Map<String, Object> negative = new HashMap<>(Api.shop("Bad", "korean"));
        negative.put("deliveryFee", -1);
        Map<String, Object> unknown = new HashMap<>(Api.shop("Bad", "korean"));
        unknown.put("deliveryfee", 1);

        for (Object body : List.of(negative, unknown, "{not json", "[]", Map.of("name", "Only a name"))) {
            Api.Reply r = api.post("/shops", body);
            assertEquals(400, r.status(), String.valueOf(body));
            assertFalse(r.text("error").isEmpty());
            assertFalse(r.text("message").isEmpty());
        }
        assertEquals(400, api.get("/internal/shops?limit=0").status());
        assertEquals(400, api.get("/internal/shops?cursor=garbage").status());
        assertEquals(400, api.get("/internal/shops?updatedFrom=yesterday&updatedTo=today").status());
        assertEquals(before, count());
    }

    @Test
    void theSourceApiNeedsCredentials() {
        Api anonymous = new Api(cloud.httpEndpoint(), null);
        Api wrong = new Api(cloud.httpEndpoint(), "wrong");

        assertEquals(401, anonymous.get("/internal/shops/x").status());
        assertEquals(403, wrong.get("/internal/shops/x").status());
        assertEquals(401, anonymous.get("/admin/views").status());
        assertEquals(200, anonymous.get("/health").status());
    }

    private static long count() {
        return cloud.dynamo().scan(r -> r.tableName("ShopsTable").select("COUNT")).count();
    }

    private static Map<String, JsonNode> exportAll(String query) {
        Map<String, JsonNode> out = new HashMap<>();
        String cursor = null;
        do {
            String q = query + (cursor == null ? "" : "&cursor=" + cursor);
            Api.Reply r = api.get("/internal/shops?" + q);
            assertEquals(200, r.status(), r.body().toString());
            JsonNode items = r.body().has("ids") ? r.body().get("ids") : r.body().get("shops");
            items.forEach(s -> out.put(s.get("shopId").asText(), s));
            cursor = r.body().get("nextCursor").isNull() ? null : r.body().get("nextCursor").asText();
        } while (cursor != null);
        return out;
    }
}
