package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.aws.dynamodb.DynamoDbViewStore;
import io.zerosync.kernel.sync.Gate;
import io.zerosync.kernel.sync.ViewRow;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows whose content is wrong at their current version (what a projection bug or a hand edit leaves),
 * and rows ahead of the source (what a point-in-time restore of the write table leaves): reconcile
 * names them, a rebuild or a reconcile repair heals them, and no gate ever moves a row behind the
 * source or over a newer write.
 */
class ContentDriftIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String DETAIL_TABLE = "zerosync-local-view-shop-detail";
    private static final String[] CLASSES = {"missing", "stale", "orphan", "divergent", "ahead"};
    private static LocalCloud cloud;
    private static Api api;

    @BeforeAll
    static void start() {
        cloud = TestClouds.live();
        api = new Api(cloud);
    }

    private static String syncedShop(String name) {
        String id = api.createShop(name, "content-drift");
        Eventually.until(id + " in shop-detail", DEADLINE, () -> api.get("/shops/" + id).status() == 200);
        Eventually.until(id + " in shop-list", DEADLINE, () -> reconcile("shop-list", ids(id)).at("/missing/count").asInt() == 0);
        return id;
    }

    private static Map<String, Object> ids(String... ids) {
        return Map.of("type", "ids", "ids", List.of(ids));
    }

    private static JsonNode reconcile(String view, Object scope) {
        return reconcile(view, scope, false);
    }

    private static JsonNode reconcile(String view, Object scope, boolean repair) {
        Map<String, Object> body = new HashMap<>();
        if (scope != null) {
            body.put("scope", scope);
        }
        body.put("repair", repair);
        Api.Reply r = api.post("/admin/views/" + view + "/reconcile", body);
        assertEquals(200, r.status(), r.body().toString());
        return r.body();
    }

    private static int total(JsonNode drift) {
        int total = 0;
        for (String kind : CLASSES) {
            total += drift.at("/" + kind + "/count").asInt();
        }
        return total;
    }

    private static void assertOnly(String kind, String id, JsonNode drift) {
        assertEquals(1, drift.at("/" + kind + "/count").asInt(), drift.toString());
        assertTrue(drift.at("/" + kind + "/sample").toString().contains(id), drift.toString());
        assertEquals(1, total(drift), "nothing else drifted: " + drift);
    }

    private static JsonNode rebuild(String id) {
        Api.Reply started = api.post("/admin/reimports", Map.of("view", "shop-detail", "mode", "rebuild",
                "scope", ids(id)));
        assertEquals(202, started.status(), started.body().toString());
        return awaitJob(started.text("jobId"));
    }

    private static JsonNode awaitJob(String jobId) {
        return Eventually.await("job " + jobId + " to finish", DEADLINE, () -> api.get("/admin/reimports/" + jobId).body(),
                job -> List.of("succeeded", "failed", "cancelled").contains(job.get("state").asText()));
    }

    private static Map<String, AttributeValue> row(String id) {
        return cloud.dynamo().getItem(r -> r.tableName(DETAIL_TABLE).consistentRead(true)
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
    }

    /** What a projection bug leaves: other content, same version, same bookkeeping. */
    private static void editName(String id, String name) {
        String version = row(id).get("version").n();
        cloud.dynamo().updateItem(r -> r.tableName(DETAIL_TABLE).key(Map.of("shopId", AttributeValue.fromS(id)))
                .updateExpression("SET #n = :n").conditionExpression("#v = :v")
                .expressionAttributeNames(Map.of("#n", "name", "#v", "version"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name), ":v", AttributeValue.fromN(version))));
    }

    /** What a point-in-time restore of the write table leaves: the view holds a version the source no longer has. */
    private static void moveAhead(String id, long version, String name) {
        cloud.dynamo().updateItem(r -> r.tableName(DETAIL_TABLE).key(Map.of("shopId", AttributeValue.fromS(id)))
                .updateExpression("SET #v = :v, #n = :n")
                .expressionAttributeNames(Map.of("#n", "name", "#v", "version"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name),
                        ":v", AttributeValue.fromN(Long.toString(version)))));
    }

    @Test
    void reportsARowCorruptedAtItsVersionAsDivergent_andARebuildOfItsIdHealsIt() {
        String id = syncedShop("Real Name");
        editName(id, "Hand Edited");
        assertEquals("Hand Edited", api.get("/shops/" + id).text("name"), "the corruption is what readers see");

        JsonNode before = reconcile("shop-detail", ids(id));
        assertOnly("divergent", id, before);
        assertEquals(0, total(reconcile("shop-list", ids(id))), "the other view holds the right content");

        JsonNode job = rebuild(id);

        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals("Real Name", api.get("/shops/" + id).text("name"));
        assertEquals(0, total(reconcile("shop-detail", ids(id))));
    }

    @Test
    void eventSyncRewritesARowWrittenByAnOlderProjectionVersion_atTheSameVersion() {
        String id = syncedShop("Projected Right");
        editName(id, "Projected Wrong");
        cloud.dynamo().updateItem(r -> r.tableName(DETAIL_TABLE).key(Map.of("shopId", AttributeValue.fromS(id)))
                .updateExpression("SET projectionVersion = :old")
                .expressionAttributeValues(Map.of(":old", AttributeValue.fromN("0"))));
        assertOnly("divergent", id, reconcile("shop-detail", ids(id)));

        // republish: the view's own queue gets a zero-payload event at the same version; live sync rewrites
        // the row because an older projection version wrote it.
        Api.Reply started = api.post("/admin/reimports", Map.of("view", "shop-detail", "mode", "republish",
                "scope", ids(id)));
        assertEquals(202, started.status(), started.body().toString());
        assertEquals("succeeded", awaitJob(started.text("jobId")).get("state").asText());

        Eventually.until("live sync rewrote " + id, DEADLINE,
                () -> "Projected Right".equals(api.get("/shops/" + id).text("name")));
        assertEquals(0, total(reconcile("shop-detail", ids(id))));
    }

    @Test
    void reportsARowAheadOfTheSource_andRepairPutsItBackToTheSourceState() {
        String id = syncedShop("Source Name");
        String sourceVersion = row(id).get("version").n();
        moveAhead(id, 7, "From Before The Restore");

        assertOnly("ahead", id, reconcile("shop-detail", ids(id)));
        JsonNode repaired = reconcile("shop-detail", ids(id), true);

        assertEquals(1, repaired.at("/restored/written").asInt(), repaired.toString());
        assertEquals(sourceVersion, row(id).get("version").n());
        assertEquals("Source Name", api.get("/shops/" + id).text("name"));
        assertEquals(0, total(reconcile("shop-detail", ids(id))));
    }

    @Test
    void reportsALiveRowAheadOfItsShopsTombstone_andRepairMarksItDeleted() {
        String id = syncedShop("Deleted In The Source");
        Api.Reply deleted = api.call("DELETE", "/shops/" + id, null);
        assertTrue(deleted.status() / 100 == 2, deleted.body().toString());
        Eventually.until(id + " gone from shop-detail", DEADLINE, () -> api.get("/shops/" + id).status() == 404);
        String tombstone = row(id).get("version").n();
        // What a restore of the view's world from before the delete leaves: a live row, newer than the tombstone.
        cloud.dynamo().updateItem(r -> r.tableName(DETAIL_TABLE).key(Map.of("shopId", AttributeValue.fromS(id)))
                .updateExpression("SET #v = :v, #n = :n, changedAt = syncedAt REMOVE deleted, expiresAt")
                .expressionAttributeNames(Map.of("#n", "name", "#v", "version"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("Back From The Dead"),
                        ":v", AttributeValue.fromN(Long.toString(Long.parseLong(tombstone) + 5)))));
        assertEquals(200, api.get("/shops/" + id).status());

        assertOnly("ahead", id, reconcile("shop-detail", ids(id)));
        JsonNode repaired = reconcile("shop-detail", ids(id), true);

        assertEquals(0, repaired.at("/restored/failed").asInt(), repaired.toString());
        assertEquals(404, api.get("/shops/" + id).status());
        assertEquals(tombstone, row(id).get("version").n(), "a deletion marker at the tombstone's version");
        assertEquals(0, total(reconcile("shop-detail", ids(id))));
    }

    @Test
    void aFullReconcileWithRepairHealsADivergentRow() {
        String id = syncedShop("Full Repair");
        editName(id, "Corrupted");

        JsonNode drift = reconcile("shop-detail", null, true);

        assertTrue(drift.at("/divergent/sample").toString().contains(id), drift.toString());
        assertFalse(drift.get("repairJob").isNull(), drift.toString());
        assertEquals("succeeded", awaitJob(drift.at("/repairJob/jobId").asText()).get("state").asText());
        assertEquals("Full Repair", api.get("/shops/" + id).text("name"));
        Eventually.until("shop-detail equals the source", DEADLINE, () -> total(reconcile("shop-detail", null)) == 0);
    }

    @Test
    void noRebuildOrRepairWriteGoesOverANewerRow() {
        String id = syncedShop("Older");
        moveAhead(id, 9, "Newer");

        JsonNode job = rebuild(id);

        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals("9", row(id).get("version").n(), "the rebuild gate left the newer row alone");
        assertEquals("Newer", row(id).get("name").s());

        // A repair conditioned on what it read loses to a write that happened since the read.
        DynamoDbViewStore store = new DynamoDbViewStore(cloud.dynamo(), DETAIL_TABLE, "shopId");
        long read = store.states(List.of(id)).get(id).version();
        moveAhead(id, read + 1, "Written Since The Read");
        ViewRow sourceState = new ViewRow(id, 1, Instant.now(), Instant.now(), Map.of("name", "Older"), 1, "h");
        assertFalse(store.replace(sourceState, read));
        assertFalse(store.put(sourceState, Gate.REBUILD));
        assertEquals("Written Since The Read", row(id).get("name").s());

        JsonNode repaired = reconcile("shop-detail", ids(id), true);
        assertEquals(1, repaired.at("/restored/written").asInt(), repaired.toString());
        assertEquals(0, total(reconcile("shop-detail", ids(id))));
    }
}
