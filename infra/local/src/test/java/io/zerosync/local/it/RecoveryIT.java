package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.zerosync.aws.sqs.ReimportTaskJson;
import io.zerosync.kernel.recovery.ReimportWorker;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.faults.FaultProxy;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-imports, republish, reconcile and DLQ redrive bring one view back to the source without touching the other. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryIT {
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(90);
    private static LocalCloud cloud;
    private static Api api;

    @BeforeAll
    static void start() {
        cloud = TestClouds.live();
        api = new Api(cloud);
    }

    static JsonNode startJob(Map<String, Object> request) {
        Api.Reply r = api.post("/admin/reimports", request);
        assertEquals(202, r.status(), r.body().toString());
        assertEquals("/admin/reimports/" + r.text("jobId"), r.header("Location"));
        return r.body();
    }

    static JsonNode awaitJob(String jobId) {
        return Eventually.await("job " + jobId + " to finish", JOB_DEADLINE,
                () -> api.get("/admin/reimports/" + jobId).body(),
                job -> List.of("succeeded", "failed", "cancelled").contains(job.get("state").asText()));
    }

    static JsonNode reconcile(String view, Object scope) {
        Map<String, Object> body = new HashMap<>();
        if (scope != null) {
            body.put("scope", scope);
        }
        body.put("repair", false);
        Api.Reply r = api.post("/admin/views/" + view + "/reconcile", body);
        assertEquals(200, r.status(), r.body().toString());
        return r.body();
    }

    static void assertNoDrift(JsonNode drift) {
        assertEquals(0, drift.at("/missing/count").asInt(), drift.toString());
        assertEquals(0, drift.at("/stale/count").asInt(), drift.toString());
        assertEquals(0, drift.at("/orphan/count").asInt(), drift.toString());
        assertEquals(0, drift.at("/divergent/count").asInt(), drift.toString());
        assertEquals(0, drift.at("/ahead/count").asInt(), drift.toString());
    }

    private static Subscription subscriptionOf(String queue) {
        String topic = cloud.stack().resource("ShopChangedTopic").arn();
        String arn = cloud.stack().resource(queue).arn();
        return cloud.sns().listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().stream()
                .filter(s -> s.endpoint().equals(arn)).findFirst().orElseThrow();
    }

    private static Map<String, String> syncedAtOf(String table, List<String> ids) {
        Map<String, String> out = new HashMap<>();
        for (String id : ids) {
            Map<String, AttributeValue> item = cloud.dynamo().getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
            out.put(id, item.isEmpty() ? null : item.get("syncedAt").s());
        }
        return out;
    }

    @Test
    @Order(1)
    void lostAnnouncementsComeBackByIdsByWindowAndByFullReimport_andTheOtherViewIsUntouched() {
        Subscription lost = subscriptionOf("ShopListView.Queue");
        cloud.sns().unsubscribe(r -> r.subscriptionArn(lost.subscriptionArn()));
        List<String> ids = new ArrayList<>();
        Instant t1;
        Instant t2;
        try {
            for (int i = 0; i < 100; i++) {
                ids.add(api.createShop("Lost " + i, "lost"));
            }
            t1 = Instant.now();
            for (int i = 100; i < 300; i++) {
                ids.add(api.createShop("Lost " + i, "lost"));
            }
            t2 = Instant.now();
            for (int i = 300; i < 500; i++) {
                ids.add(api.createShop("Lost " + i, "lost"));
            }
        } finally {
            cloud.sns().subscribe(r -> r.topicArn(lost.topicArn()).protocol("sqs").endpoint(lost.endpoint())
                    .attributes(Map.of("FilterPolicy", "{\"type\":[\"ShopChanged\"]}")));
        }
        Eventually.until("shop-detail got all 500", Duration.ofSeconds(60), () -> reconcile("shop-detail",
                Map.of("type", "ids", "ids", ids)).at("/missing/count").asInt() == 0);
        JsonNode lostDrift = reconcile("shop-list", Map.of("type", "ids", "ids", ids));
        assertEquals(500, lostDrift.at("/missing/count").asInt(), "shop-list lost every announcement");
        Map<String, String> detailSyncedAt = syncedAtOf("zerosync-local-view-shop-detail", ids);

        // 1. partial by IDs
        JsonNode byIds = awaitJob(startJob(Map.of("view", "shop-list", "mode", "rebuild",
                "scope", Map.of("type", "ids", "ids", ids.subList(0, 100)))).get("jobId").asText());
        assertEquals("succeeded", byIds.get("state").asText());
        assertEquals(100, byIds.get("processed").asLong());
        assertNoDrift(reconcile("shop-list", Map.of("type", "ids", "ids", ids.subList(0, 100))));
        assertEquals(400, reconcile("shop-list", Map.of("type", "ids", "ids", ids)).at("/missing/count").asInt(),
                "only the IDs in scope were re-imported");

        // 2. partial by updated window
        Map<String, Object> window = Map.of("type", "updated", "from", t1.toString(), "to", t2.toString());
        assertEquals("succeeded", awaitJob(startJob(Map.of("view", "shop-list", "scope", window)).get("jobId").asText())
                .get("state").asText());
        assertNoDrift(reconcile("shop-list", window));
        assertEquals(200, reconcile("shop-list", Map.of("type", "ids", "ids", ids)).at("/missing/count").asInt());

        // 3. full
        JsonNode full = awaitJob(startJob(Map.of("view", "shop-list", "scope", Map.of("type", "full"))).get("jobId").asText());
        assertEquals("succeeded", full.get("state").asText(), full.toString());
        assertNoDrift(reconcile("shop-list", null));

        assertEquals(detailSyncedAt, syncedAtOf("zerosync-local-view-shop-detail", ids), "shop-detail rows were not touched");
    }

    @Test
    @Order(2)
    void republishReachesOnlyTheChosenViewsQueue() {
        String id = api.createShop("Republish", "korean");
        Eventually.until("synced", Duration.ofSeconds(30), () -> reconcile("shop-list",
                Map.of("type", "ids", "ids", List.of(id))).at("/missing/count").asInt() == 0);
        cloud.pollers().pause("ShopDetailView.SyncFunction");
        cloud.pollers().pause("ShopListView.SyncFunction");
        try {
            JsonNode job = awaitJob(startJob(Map.of("view", "shop-list", "mode", "republish",
                    "scope", Map.of("type", "ids", "ids", List.of(id)))).get("jobId").asText());
            assertEquals("succeeded", job.get("state").asText());

            List<Message> list = cloud.sqs().receiveMessage(r -> r.queueUrl(cloud.stack().resource("ShopListView.Queue").url())
                    .maxNumberOfMessages(10).waitTimeSeconds(2).messageAttributeNames("All").visibilityTimeout(0)).messages();
            assertEquals(1, list.size());
            assertTrue(list.get(0).body().contains(id));
            assertEquals(job.get("jobId").asText(), list.get(0).messageAttributes().get("jobId").stringValue());
            assertEquals(0, SyncIT.depthOf(cloud, "ShopDetailView.Queue"), "shop-detail's queue got nothing");
        } finally {
            cloud.pollers().resume("ShopDetailView.SyncFunction");
            cloud.pollers().resume("ShopListView.SyncFunction");
        }
    }

    @Test
    @Order(3)
    void reconcileFindsPlantedDriftExactly_andAFullRebuildRepairsIt() {
        String missing = api.createShop("Will be missing", "korean");
        String stale = api.createShop("Will be stale", "korean");
        String good = api.createShop("Stays good", "korean");
        api.call("PATCH", "/shops/" + stale, Map.of("name", "Stale v2"));
        List<String> scope = List.of(missing, stale, good, "orphan-planted");
        Eventually.until("synced", Duration.ofSeconds(30), () -> {
            JsonNode d = reconcile("shop-detail", Map.of("type", "ids", "ids", scope));
            return d.at("/missing/count").asInt() == 0 && d.at("/stale/count").asInt() == 0;
        });
        cloud.dynamo().deleteItem(r -> r.tableName("zerosync-local-view-shop-detail").key(Map.of("shopId", AttributeValue.fromS(missing))));
        Map<String, AttributeValue> staleRow = new HashMap<>(cloud.dynamo().getItem(r -> r.tableName("zerosync-local-view-shop-detail")
                .key(Map.of("shopId", AttributeValue.fromS(stale)))).item());
        staleRow.put("version", AttributeValue.fromN("1"));
        cloud.dynamo().putItem(r -> r.tableName("zerosync-local-view-shop-detail").item(staleRow));
        Map<String, AttributeValue> orphan = new HashMap<>(staleRow);
        orphan.put("shopId", AttributeValue.fromS("orphan-planted"));
        cloud.dynamo().putItem(r -> r.tableName("zerosync-local-view-shop-detail").item(orphan));

        JsonNode drift = reconcile("shop-detail", Map.of("type", "ids", "ids", scope));
        assertEquals(List.of(missing), texts(drift.at("/missing/sample")));
        assertEquals(List.of(stale), texts(drift.at("/stale/sample")));
        assertEquals(List.of("orphan-planted"), texts(drift.at("/orphan/sample")));
        JsonNode whole = reconcile("shop-detail", null);
        assertTrue(texts(whole.at("/orphan/sample")).contains("orphan-planted"), whole.toString());

        JsonNode full = awaitJob(startJob(Map.of("view", "shop-detail", "scope", Map.of("type", "full"))).get("jobId").asText());
        assertEquals("succeeded", full.get("state").asText(), full.toString());
        assertNoDrift(reconcile("shop-detail", null));
        assertTrue(cloud.dynamo().getItem(r -> r.tableName("zerosync-local-view-shop-detail")
                .key(Map.of("shopId", AttributeValue.fromS("orphan-planted")))).item().isEmpty(), "the orphan row is gone");
    }

    @Test
    @Order(4)
    void reconcileWithRepairRebuildsExactlyTheDriftedIds() {
        String id = api.createShop("Repair me", "korean");
        Eventually.until("synced", Duration.ofSeconds(30), () -> reconcile("shop-list",
                Map.of("type", "ids", "ids", List.of(id))).at("/missing/count").asInt() == 0);
        cloud.dynamo().deleteItem(r -> r.tableName("zerosync-local-view-shop-list").key(Map.of("shopId", AttributeValue.fromS(id))));

        Api.Reply repaired = api.post("/admin/views/shop-list/reconcile", Map.of("repair", true));
        assertEquals(1, repaired.body().at("/missing/count").asInt(), repaired.body().toString());
        JsonNode job = awaitJob(repaired.body().at("/repairJob/jobId").asText());
        assertEquals("succeeded", job.get("state").asText());
        assertEquals(1, job.get("processed").asLong());
        assertNoDrift(reconcile("shop-list", null));
    }

    @Test
    @Order(5)
    void aWorkerKilledMidJobResumesFromItsCheckpoint_countingEveryShopOnce() {
        cloud.pollers().pause("ReimportWorkerFunction");
        JsonNode started;
        String taskQueue = cloud.stack().resource("ReimportTaskQueue").url();
        try (ApplicationContext context = cloud.environmentOf("ReimportWorkerFunction").startContext()) {
            started = startJob(Map.of("view", "shop-detail", "scope", Map.of("type", "full")));
            assertEquals(409, api.post("/admin/reimports", Map.of("view", "all", "scope", Map.of("type", "full"))).status(),
                    "a second job on a busy view is refused");
            Message task = Eventually.await("a task message", Duration.ofSeconds(10),
                    () -> cloud.sqs().receiveMessage(r -> r.queueUrl(taskQueue).maxNumberOfMessages(1).waitTimeSeconds(1))
                            .messages(), m -> !m.isEmpty()).stream()
                    .filter(m -> m.body().contains("SEGMENT")).findFirst().orElseThrow();
            ReimportWorker worker = context.getBean(ReimportWorker.class);

            // One page, then "out of time": the worker checkpoints and sends its continuation...
            assertEquals(ReimportWorker.Outcome.CONTINUED, worker.process(ReimportTaskJson.decode(task.body()), () -> false));
            // ...and dies before its message is deleted, so SQS delivers the original again as well.
            cloud.sqs().changeMessageVisibility(r -> r.queueUrl(taskQueue).receiptHandle(task.receiptHandle())
                    .visibilityTimeout(0));
        } finally {
            cloud.pollers().resume("ReimportWorkerFunction");
        }
        JsonNode done = awaitJob(started.get("jobId").asText());
        assertEquals("succeeded", done.get("state").asText(), done.toString());
        // The earlier tests leave no orphans, so the sweep adds nothing: every shop is counted exactly once.
        assertEquals(done.get("total").asLong(), done.get("processed").asLong(), done.toString());
        assertNoDrift(reconcile("shop-detail", null));
    }

    @Test
    @Order(6)
    void cancelStopsARunningJob() {
        cloud.pollers().pause("ReimportWorkerFunction");
        String jobId;
        try {
            jobId = startJob(Map.of("view", "shop-list", "scope", Map.of("type", "full"))).get("jobId").asText();
            Api.Reply cancelled = api.call("DELETE", "/admin/reimports/" + jobId, null);
            assertEquals("cancelled", cancelled.text("state"));
        } finally {
            cloud.pollers().resume("ReimportWorkerFunction");
        }
        Eventually.until("its tasks are drained", Duration.ofSeconds(30),
                () -> SyncIT.depthOf(cloud, "ReimportTaskQueue") == 0);
        JsonNode job = api.get("/admin/reimports/" + jobId).body();
        assertEquals("cancelled", job.get("state").asText());
        assertEquals(0, job.get("processed").asLong());
        assertTrue(api.get("/admin/reimports").body().get("jobs").toString().contains(jobId));
        String next = startJob(Map.of("view", "shop-list", "scope", Map.of("type", "ids", "ids", List.of("shp_x"))))
                .get("jobId").asText();
        awaitJob(next);
    }

    @Test
    @Order(7)
    void dlqRedriveAfterTheCauseIsFixedMakesTheViewConverge() {
        FaultProxy source = TestClouds.sourceProxy();
        long dlqBefore = SyncIT.depthOf(cloud, "ShopListView.Dlq");
        source.failNext(1_000_000);
        String id;
        try {
            id = api.createShop("Redriven", "korean");
            Eventually.until("the failing message reaches the DLQ", Duration.ofSeconds(90),
                    () -> SyncIT.depthOf(cloud, "ShopListView.Dlq") > dlqBefore);
        } finally {
            source.failNext(0);
        }
        JsonNode moved = api.post("/admin/views/shop-list/dlq/redrive", null).body();
        assertTrue(moved.get("moved").asInt() >= 1, moved.toString());
        Eventually.until("shop-list converges", Duration.ofSeconds(30), () -> reconcile("shop-list",
                Map.of("type", "ids", "ids", List.of(id))).at("/missing/count").asInt() == 0);
        JsonNode views = api.get("/admin/views").body();
        for (JsonNode v : views.get("views")) {
            assertTrue(v.has("queueDepth") && v.has("dlqDepth") && v.has("inFlight"), v.toString());
            assertTrue(v.at("/lag/samples").asLong() > 0, "lag percentiles come from the sync functions: " + v);
            assertTrue(v.at("/lag/p50").asLong() <= v.at("/lag/p99").asLong(), v.toString());
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
