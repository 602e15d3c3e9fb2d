package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.events.EntityChanged;
import io.zerosync.events.EntityChangedCodec;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.faults.FaultProxy;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Announcements reach both read models through SNS, SQS and the sync functions, whatever happens on the way. */
class SyncIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static LocalCloud cloud;
    private static Api api;

    @BeforeAll
    static void start() {
        cloud = TestClouds.live();
        api = new Api(cloud);
    }

    private static long detailVersion(String id) {
        Api.Reply r = api.get("/shops/" + id);
        return r.status() == 200 ? r.body().get("version").asLong() : 0;
    }

    private static long listVersion(String category, String id) {
        for (JsonNode row : api.get("/shops?category=" + category + "&limit=100").body().get("shops")) {
            if (row.get("shopId").asText().equals(id)) {
                return row.get("version").asLong();
            }
        }
        return 0;
    }

    private static Map<String, AttributeValue> row(String table, String id) {
        return cloud.dynamo().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
    }

    @Test
    void everyKindOfChangeConvergesInBothViews() {
        String id = api.createShop("Converge", "korean");
        Eventually.until("create in shop-detail", DEADLINE, () -> detailVersion(id) == 1);
        Eventually.until("create in shop-list", DEADLINE, () -> listVersion("korean", id) == 1);

        api.call("PATCH", "/shops/" + id, Map.of("name", "Converged", "open", false));
        api.call("PUT", "/shops/" + id + "/menus/m9", Map.of("name", "Cheap", "price", 100));
        api.call("DELETE", "/shops/" + id + "/menus/m1", null);
        api.call("PATCH", "/shops/" + id, Map.of("category", "fusion"));

        Eventually.until("shop-detail at version 5", DEADLINE, () -> detailVersion(id) == 5);
        JsonNode detail = api.get("/shops/" + id).body();
        assertEquals("Converged", detail.get("name").asText());
        assertEquals("fusion", detail.get("category").asText());
        assertEquals(2, detail.get("menus").size());
        assertTrue(detail.has("changedAt") && detail.has("syncedAt"));

        Eventually.until("shop-list moved to its new category", DEADLINE, () -> listVersion("fusion", id) == 5);
        assertEquals(0, listVersion("korean", id), "the old category no longer lists it");
        JsonNode listed = api.get("/shops?category=fusion&open=false").body().get("shops");
        assertTrue(listed.toString().contains(id), "listed among closed shops");
        assertFalse(api.get("/shops?category=fusion&open=true").body().toString().contains(id));
        Map<String, AttributeValue> listRow = row("zerosync-local-view-shop-list", id);
        assertEquals("2", listRow.get("menuCount").n());
        assertEquals("100", listRow.get("cheapestMenuPrice").n());
        assertFalse(listRow.containsKey("menus"), "shop-list stores only what a listing needs");

        api.call("DELETE", "/shops/" + id, null);
        Eventually.until("delete reaches shop-detail", DEADLINE, () -> api.get("/shops/" + id).status() == 404);
        Eventually.until("delete reaches shop-list", DEADLINE, () -> listVersion("fusion", id) == 0);
    }

    @Test
    void readYourWrites_anOlderRowIsNeverServedAsCurrent() {
        String id = api.createShop("Fresh", "korean");
        Eventually.until("created", DEADLINE, () -> detailVersion(id) == 1);
        cloud.pollers().pause("ShopDetailView.SyncFunction");
        try {
            long v = api.call("PATCH", "/shops/" + id, Map.of("name", "Renamed")).body().get("version").asLong();

            Api.Reply stale = api.get("/shops/" + id, "X-Min-Version", Long.toString(v));
            assertEquals(409, stale.status());
            assertEquals("not_yet_synced", stale.text("error"));
            assertEquals("1", stale.header("Retry-After"));
            assertEquals("1", stale.header("X-Current-Version"));
        } finally {
            cloud.pollers().resume("ShopDetailView.SyncFunction");
        }
        Api.Reply fresh = api.get("/shops/" + id, "X-Min-Version", "2");
        if (fresh.status() == 409) {
            Eventually.until("synced", DEADLINE, () -> api.get("/shops/" + id, "X-Min-Version", "2").status() == 200);
            fresh = api.get("/shops/" + id, "X-Min-Version", "2");
        }
        assertEquals("Renamed", fresh.text("name"));
    }

    @Test
    void duplicatesReorderingAndReplaysNeverMoveARowBackwards() {
        String id = api.createShop("Ordered", "korean");
        api.call("PATCH", "/shops/" + id, Map.of("name", "Ordered v2"));
        api.call("PATCH", "/shops/" + id, Map.of("name", "Ordered v3"));
        Eventually.until("v3 synced", DEADLINE, () -> detailVersion(id) == 3);
        String syncedAt = api.get("/shops/" + id).text("syncedAt");

        // Old, duplicated and reordered announcements, straight onto the queue (raw, as a republish sends them).
        String queue = cloud.stack().resource("ShopDetailView.Queue").url();
        List<SendMessageBatchRequestEntry> stale = new ArrayList<>();
        long[] versions = {2, 1, 3, 2, 1, 3, 1};
        for (int i = 0; i < versions.length; i++) {
            stale.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(EntityChangedCodec.encode(
                    EntityChanged.of("Shop", id, versions[i], Instant.parse("2026-01-01T00:00:00Z")))).build());
        }
        cloud.sqs().sendMessageBatch(r -> r.queueUrl(queue).entries(stale));
        Eventually.until("the replays are consumed", DEADLINE, () -> depth("ShopDetailView.Queue") == 0);

        JsonNode row = api.get("/shops/" + id).body();
        assertEquals(3, row.get("version").asLong());
        assertEquals("Ordered v3", row.get("name").asText());
        assertEquals(syncedAt, row.get("syncedAt").asText(), "announcements at or below the row's version change nothing");
    }

    @Test
    void aBurstOfTwentyChangesToOneShopCostsAFewFetches() {
        String id = api.createShop("Burst", "korean");
        Eventually.until("created in both views", DEADLINE, () -> detailVersion(id) == 1 && listVersion("korean", id) == 1);
        FaultProxy source = TestClouds.sourceProxy();
        // As when the functions are busy or throttled: the burst piles up on the queues first.
        cloud.pollers().pause("ShopDetailView.SyncFunction");
        cloud.pollers().pause("ShopListView.SyncFunction");
        long before = source.calls("/internal/shops/batch-get");
        long batchesBefore = invocations("ShopDetailView.SyncFunction") + invocations("ShopListView.SyncFunction");
        try {
            IntStream.rangeClosed(1, 20).forEach(i -> api.call("PATCH", "/shops/" + id, Map.of("deliveryFee", i)));
        } finally {
            cloud.pollers().resume("ShopDetailView.SyncFunction");
            cloud.pollers().resume("ShopListView.SyncFunction");
        }
        Eventually.until("burst synced", DEADLINE, () -> detailVersion(id) == 21 && listVersion("korean", id) == 21);
        Eventually.until("queues drained", DEADLINE, () -> depth("ShopDetailView.Queue") + depth("ShopListView.Queue") == 0);

        long fetches = source.calls("/internal/shops/batch-get") - before;
        // A resumed mapping keeps its counts (as a re-enabled Lambda mapping is the same mapping).
        long batches = invocations("ShopDetailView.SyncFunction") + invocations("ShopListView.SyncFunction") - batchesBefore;
        // The mappings poll with several concurrent pollers (MaximumConcurrency), so how the 40 messages split
        // into batches varies from run to run; what never varies is that a batch costs at most one fetch for
        // one shop however many announcements of it it holds, and a batch that arrives after the newest
        // version was written costs none.
        assertTrue(fetches >= 2, "both views fetched the shop: " + fetches);
        assertTrue(fetches <= batches, fetches + " fetches for " + batches + " batches");
        assertTrue(fetches < 40, "20 announcements x 2 views cost " + fetches + " fetches");
    }

    private long invocations(String function) {
        return cloud.pollers().stats(function).orElseThrow().invocations();
    }

    @Test
    void aPoisonMessageReachesTheDlq_whileItsBatchMatesSucceed() {
        String a = api.createShop("Mate A", "korean");
        String b = api.createShop("Mate B", "korean");
        Eventually.until("created", DEADLINE, () -> detailVersion(a) == 1 && detailVersion(b) == 1);
        cloud.pollers().pause("ShopDetailView.SyncFunction");
        api.call("PATCH", "/shops/" + a, Map.of("name", "Mate A2"));
        api.call("PATCH", "/shops/" + b, Map.of("name", "Mate B2"));
        String queue = cloud.stack().resource("ShopDetailView.Queue").url();
        long dlqBefore = depth("ShopDetailView.Dlq");
        cloud.sqs().sendMessage(r -> r.queueUrl(queue).messageBody("{\"type\":\"ShopChanged\",\"shopId\":\"poison\"}"));
        cloud.pollers().resume("ShopDetailView.SyncFunction");

        Eventually.until("batch-mates synced", DEADLINE, () -> detailVersion(a) == 2 && detailVersion(b) == 2);
        Eventually.until("the poison message is in the DLQ", Duration.ofSeconds(60),
                () -> depth("ShopDetailView.Dlq") == dlqBefore + 1);
        String body = cloud.sqs().receiveMessage(r -> r.queueUrl(cloud.stack().resource("ShopDetailView.Dlq").url())
                .maxNumberOfMessages(10).visibilityTimeout(1)).messages().stream()
                .map(m -> m.body()).filter(s -> s.contains("poison")).findFirst().orElse("");
        assertTrue(body.contains("\"poison\""), body);
    }

    @Test
    void anUnavailableSourceDelaysAChange_butDoesNotLoseIt() {
        FaultProxy source = TestClouds.sourceProxy();
        long dlqBefore = depth("ShopDetailView.Dlq") + depth("ShopListView.Dlq");
        source.failNext(10);

        String id = api.createShop("Patient", "korean");

        Eventually.until("synced once the source is back", Duration.ofSeconds(60),
                () -> detailVersion(id) == 1 && listVersion("korean", id) == 1);
        assertEquals(0, source.failuresLeft(), "every injected failure was hit");
        assertEquals(dlqBefore, depth("ShopDetailView.Dlq") + depth("ShopListView.Dlq"), "nothing went to a DLQ");
    }

    @Test
    void adminViewsShowTheAgeOfTheOldestMessageInFlight_whileTheSourceIsSlow() {
        FaultProxy source = TestClouds.sourceProxy();
        source.delay(Duration.ofSeconds(3));
        try {
            api.createShop("Slow", "korean");
            Eventually.until("an in-flight message at least a second old", DEADLINE, () -> {
                for (JsonNode v : api.get("/admin/views").body().get("views")) {
                    if (v.get("oldestMessageAgeSeconds").asLong() >= 1) {
                        return true;
                    }
                }
                return false;
            });
        } finally {
            source.delay(Duration.ZERO);
        }
    }

    static long depth(String queue) {
        return depthOf(cloud, queue);
    }

    static long depthOf(LocalCloud cloud, String queue) {
        String url = cloud.stack().resource(queue).url();
        Map<QueueAttributeName, String> a = cloud.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
