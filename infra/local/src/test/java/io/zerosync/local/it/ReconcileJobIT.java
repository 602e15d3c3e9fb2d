package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconcile as a background job on the local cloud: drift of every class planted in a view's table is
 * counted by class, stored and paged, repaired by a repair job, and a reconcile after it finds nothing.
 */
class ReconcileJobIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String DETAIL_TABLE = "zerosync-local-view-shop-detail";
    private static final List<String> CLASSES = List.of("missing", "stale", "orphan", "divergent", "ahead");
    private static LocalCloud cloud;
    private static Api api;

    @BeforeAll
    static void start() {
        cloud = TestClouds.live();
        api = new Api(cloud);
    }

    private static String syncedShop(String name) {
        String id = api.createShop(name, "reconcile-job");
        Eventually.until(id + " in shop-detail", DEADLINE, () -> api.get("/shops/" + id).status() == 200);
        return id;
    }

    private static Map<String, AttributeValue> row(String id) {
        return cloud.dynamo().getItem(r -> r.tableName(DETAIL_TABLE).consistentRead(true)
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
    }

    private static void set(String id, String attribute, AttributeValue value) {
        cloud.dynamo().updateItem(r -> r.tableName(DETAIL_TABLE).key(Map.of("shopId", AttributeValue.fromS(id)))
                .updateExpression("SET #a = :v").expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":v", value)));
    }

    private static JsonNode startJob(boolean repair) {
        Api.Reply started = api.post("/admin/reconciles", Map.of("view", "shop-detail", "repair", repair));
        assertEquals(202, started.status(), started.body().toString());
        assertEquals("/admin/reconciles/" + started.text("jobId"), started.header("Location"));
        return started.body();
    }

    private static JsonNode awaitJob(String jobId) {
        return Eventually.await("reconcile job " + jobId + " to end", DEADLINE,
                () -> api.get("/admin/reconciles/" + jobId).body(),
                job -> List.of("succeeded", "failed", "cancelled").contains(job.path("state").asText()));
    }

    /** Every ID of one class, following nextCursor to the end. */
    private static Set<String> storedDrift(String jobId, String driftClass) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            String path = "/admin/reconciles/" + jobId + "/drift?class=" + driftClass
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Api.Reply page = api.get(path);
            assertEquals(200, page.status(), page.body().toString());
            page.body().get("ids").forEach(id -> assertTrue(ids.add(id.asText()), "an ID appears once: " + id));
            cursor = page.body().path("nextCursor").isNull() ? null : page.text("nextCursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void countsStoresAndRepairsDriftOfEveryClass_andAReconcileAfterTheRepairFindsNone() {
        String missing = syncedShop("Missing Row");
        String stale = syncedShop("Stale Row");
        String divergent = syncedShop("Divergent Row");
        String ahead = syncedShop("Ahead Row");
        String orphan = "orphan-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, AttributeValue> ghost = new HashMap<>(row(divergent));
        ghost.put("shopId", AttributeValue.fromS(orphan));
        cloud.dynamo().putItem(r -> r.tableName(DETAIL_TABLE).item(ghost));                 // orphan: unknown to the source
        cloud.dynamo().deleteItem(r -> r.tableName(DETAIL_TABLE)
                .key(Map.of("shopId", AttributeValue.fromS(missing))));                        // missing
        set(stale, "version", AttributeValue.fromN("0"));                                      // stale
        set(divergent, "name", AttributeValue.fromS("Hand Edited"));                           // divergent
        set(ahead, "version", AttributeValue.fromN("50"));                                     // ahead

        JsonNode found = awaitJob(startJob(false).path("jobId").asText());

        assertEquals("succeeded", found.path("state").asText(), found.toString());
        assertEquals("reconcile", found.path("mode").asText());
        assertEquals(found.path("tasks").asInt(), found.path("tasksDone").asInt());
        String jobId = found.path("jobId").asText();
        Map<String, String> planted = Map.of("missing", missing, "stale", stale, "orphan", orphan,
                "divergent", divergent, "ahead", ahead);
        for (String driftClass : CLASSES) {
            Set<String> ids = storedDrift(jobId, driftClass);
            assertTrue(ids.contains(planted.get(driftClass)), driftClass + " holds " + planted.get(driftClass) + ": " + ids);
            assertEquals(ids.size(), found.at("/drift/" + driftClass).asLong(), "the count is the stored IDs: " + driftClass);
        }
        assertEquals("Hand Edited", row(divergent).get("name").s(), "a reconcile without repair writes nothing");

        JsonNode repaired = awaitJob(startJob(true).path("jobId").asText());
        assertEquals("succeeded", repaired.path("state").asText(), repaired.toString());
        assertEquals(0, repaired.path("failed").asLong(), repaired.toString());

        JsonNode after = awaitJob(startJob(false).path("jobId").asText());
        for (String driftClass : CLASSES) {
            assertEquals(0, after.at("/drift/" + driftClass).asLong(), after.toString());
        }
        assertEquals("Divergent Row", api.get("/shops/" + divergent).text("name"));
        assertEquals(200, api.get("/shops/" + missing).status());
        assertTrue(row(orphan) == null || row(orphan).isEmpty(), "the orphan row is gone");
    }

    @Test
    void endsTheJobAndFreesTheView_whenCancelled() {
        String jobId = startJob(false).path("jobId").asText();

        Api.Reply cancelled = api.call("DELETE", "/admin/reconciles/" + jobId, null);

        assertEquals(200, cancelled.status(), cancelled.body().toString());
        // Cancelled, unless the (small) job was done before the cancel arrived: either way it has ended.
        assertTrue(List.of("cancelled", "succeeded").contains(cancelled.text("state")), cancelled.body().toString());
        JsonNode next = awaitJob(startJob(false).path("jobId").asText());
        assertEquals("succeeded", next.path("state").asText(), "the view is free for the next job");
    }

    @Test
    void refusesBadRequestsWithClearErrors_andAFullSyncReconcileStaysForSmallCatalogs() {
        JsonNode job = awaitJob(startJob(false).path("jobId").asText());
        String jobId = job.path("jobId").asText();

        Api.Reply badClass = api.get("/admin/reconciles/" + jobId + "/drift?class=lost");
        assertEquals(400, badClass.status(), badClass.body().toString());
        assertEquals("invalid_field", badClass.text("error"));
        Api.Reply badCursor = api.get("/admin/reconciles/" + jobId + "/drift?class=missing&cursor=job%23x");
        assertEquals(400, badCursor.status(), badCursor.body().toString());
        assertEquals("invalid_cursor", badCursor.text("error"));
        Api.Reply allViews = api.post("/admin/reconciles", Map.of("view", "all"));
        assertEquals(400, allViews.status(), allViews.body().toString());
        Api.Reply unknownField = api.post("/admin/reconciles", Map.of("view", "shop-detail", "mode", "rebuild"));
        assertEquals(400, unknownField.status(), unknownField.body().toString());
        Api.Reply notReconcile = api.post("/admin/reimports", Map.of("view", "shop-detail", "mode", "reconcile",
                "scope", Map.of("type", "ids", "ids", List.of("a1"))));
        assertEquals(400, notReconcile.status(), "reconcile jobs have their own route");
        assertEquals(404, api.get("/admin/reconciles/job_doesnotexist").status());

        Api.Reply sync = api.post("/admin/views/shop-detail/reconcile", Map.of("repair", false));
        assertEquals(200, sync.status(), "small catalogs may still reconcile fully in the request: " + sync.body());
    }
}
