package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shops as large as the rules allow (200 menus with long multi-byte names, ~75 KB of JSON each): a batch-get
 * of 70 of them would be over 5 MB, past the source's 4 MB answer budget, so the source answers part and
 * lists the rest as unprocessed; the sync engine and reconcile ask again until every shop is answered.
 */
class LargeShopsIT {
    private static final int SHOPS = 70;
    private static LocalCloud cloud;
    private static Api api;

    @BeforeAll
    static void start() {
        cloud = TestClouds.live();
        api = new Api(cloud);
    }

    @Test
    void largeShopsSyncThroughBothViews_evenWhenOneBatchGetCannotHoldThemAll() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SHOPS; i++) {
            Api.Reply created = api.post("/shops", largeShop(i));
            assertEquals(201, created.status(), created.body().toString());
            ids.add(created.text("shopId"));
        }

        // The source bounds one answer in bytes: part served, the rest unprocessed, each ID exactly once.
        Api.Reply batch = api.post("/internal/shops/batch-get", Map.of("ids", ids));
        assertEquals(200, batch.status());
        Set<String> answered = new HashSet<>();
        batch.body().get("shops").forEach(s -> assertTrue(answered.add(s.get("shopId").asText())));
        List<String> unprocessed = new ArrayList<>();
        batch.body().get("unprocessed").forEach(id -> unprocessed.add(id.asText()));
        assertFalse(unprocessed.isEmpty(), "70 shops of ~75 KB do not fit in one 4 MB answer");
        assertFalse(answered.isEmpty());
        unprocessed.forEach(id -> assertTrue(answered.add(id), id + " both served and unprocessed"));
        assertEquals(new HashSet<>(ids), answered);
        assertTrue(batch.raw().body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 4_000_000);

        // Events sync them (a few at a time) into both views.
        Eventually.until("both views hold every large shop", Duration.ofSeconds(60),
                () -> rowsIn("zerosync-local-view-shop-detail", ids) == SHOPS && rowsIn("zerosync-local-view-shop-list", ids) == SHOPS);

        // A rebuild asks for all 70 in one batch: the engine must follow through on the unprocessed ones.
        for (String table : List.of("zerosync-local-view-shop-detail", "zerosync-local-view-shop-list")) {
            ids.forEach(id -> cloud.dynamo().deleteItem(r -> r.tableName(table).key(Map.of("shopId", AttributeValue.fromS(id)))));
        }
        Api.Reply started = api.post("/admin/reimports", Map.of("view", "all", "mode", "rebuild",
                "scope", Map.of("type", "ids", "ids", ids)));
        assertEquals(202, started.status(), started.body().toString());
        String jobId = started.text("jobId");
        JsonNode job = Eventually.await("job " + jobId + " to finish", Duration.ofSeconds(90),
                () -> api.get("/admin/reimports/" + jobId).body(),
                j -> List.of("succeeded", "failed", "cancelled").contains(j.get("state").asText()));
        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals(SHOPS, rowsIn("zerosync-local-view-shop-detail", ids));
        assertEquals(SHOPS, rowsIn("zerosync-local-view-shop-list", ids));

        // Reconcile reads the truth by ID the same way: unanswered IDs are never reported as orphans.
        for (String view : List.of("shop-detail", "shop-list")) {
            Api.Reply drift = api.post("/admin/views/" + view + "/reconcile",
                    Map.of("scope", Map.of("type", "ids", "ids", ids), "repair", false));
            assertEquals(200, drift.status(), drift.body().toString());
            RecoveryIT.assertNoDrift(drift.body());
        }
    }

    private static int rowsIn(String table, List<String> ids) {
        return (int) ids.stream().filter(id -> {
            Map<String, AttributeValue> item = cloud.dynamo().getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
            return item != null && !item.isEmpty() && !item.containsKey("deleted");
        }).count();
    }

    /** 200 menus with 100-character names of 3-byte characters: about 75 KB of JSON. */
    private static Map<String, Object> largeShop(int i) {
        String longName = "김치찌개".repeat(25);
        List<Map<String, Object>> menus = IntStream.range(0, 200)
                .mapToObj(m -> Map.<String, Object>of("menuId", "menu-" + m, "name", longName, "price", 12_000)).toList();
        return Map.of("name", "큰 가게 " + i, "category", "large", "address", "서울".repeat(50),
                "minOrderAmount", 10_000, "deliveryFee", 3_000, "open", true, "menus", menus);
    }
}
