package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One popular category no longer lands on one partition: 64 shops written through the HTTP API into ONE
 * category spread over at least eight ByCategory partition keys, and the listing still pages through all
 * of them exactly once, open shops first, then by name.
 */
class CategoryShardsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final int SHOPS = 64;
    private static LocalCloud cloud;
    private static Api api;
    private static String category;
    /** shopId to {open, name} as written. */
    private static final Map<String, Object[]> WRITTEN = new HashMap<>();

    @BeforeAll
    static void start() {
        cloud = TestClouds.live();
        api = new Api(cloud);
        category = "hot-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < SHOPS; i++) {
            boolean open = i % 4 != 0;
            String name = (i % 2 == 0 ? "Shop " : "shop ") + Integer.toString(i * 37 % 101, 36) + (i % 5 == 0 ? " Ä" : "");
            Map<String, Object> body = new HashMap<>(Api.shop(name, category));
            body.put("open", open);
            Api.Reply created = api.post("/shops", body);
            assertEquals(201, created.status(), created.body().toString());
            WRITTEN.put(created.text("shopId"), new Object[]{open, name});
        }
        Eventually.until("all " + SHOPS + " shops listed", DEADLINE, () -> pageThrough(100, null).size() == SHOPS);
    }

    private static List<String> pageThrough(int limit, Boolean open) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            String query = "/shops?category=" + category + "&limit=" + limit + (open == null ? "" : "&open=" + open)
                    + (cursor == null ? "" : "&cursor=" + cursor);
            Api.Reply page = api.get(query);
            assertEquals(200, page.status(), page.body().toString());
            page.body().get("shops").forEach(s -> seen.add(s.get("shopId").asText()));
            JsonNode next = page.body().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
            assertTrue(seen.size() <= SHOPS, "paging ends");
        } while (cursor != null);
        return seen;
    }

    /** Open first, then by lower-cased name (byte order, as DynamoDB sorts), then by shop ID. */
    private static List<String> expected(Boolean open) {
        return WRITTEN.entrySet().stream()
                .filter(e -> open == null || e.getValue()[0].equals(open))
                .sorted(Comparator.comparing(e -> ((Boolean) e.getValue()[0] ? "0#" : "1#")
                        + ((String) e.getValue()[1]).toLowerCase(Locale.ROOT) + "#" + e.getKey(),
                        (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))))
                .map(Map.Entry::getKey).toList();
    }

    @Test
    void spreadsOneCategoryOverAtLeastEightPartitionKeys_whenManyShopsAreWritten() {
        List<Map<String, AttributeValue>> indexed = cloud.dynamo().scanPaginator(r -> r.tableName("zerosync-local-view-shop-list")
                .indexName("ByCategory")).items().stream()
                .filter(i -> category.equals(i.get("category").s())).toList();
        Set<String> keys = indexed.stream().map(i -> i.get("categoryShard").s()).collect(Collectors.toSet());

        assertEquals(SHOPS, indexed.size());
        assertTrue(keys.size() >= 8, "partition keys: " + keys);
        assertTrue(keys.stream().allMatch(k -> k.startsWith(category + "#")), keys.toString());
    }

    @Test
    void pagesThroughEveryShopOnceInOrder_whateverThePageSize() {
        for (int limit : List.of(7, 20, 64)) {
            assertEquals(expected(null), pageThrough(limit, null), "limit " + limit);
        }
        assertEquals(expected(true), pageThrough(5, true));
        assertEquals(expected(false), pageThrough(3, false));
    }

    @Test
    void refusesACursorOfAnotherCategory_with400() {
        String cursor = api.get("/shops?category=" + category + "&limit=3").body().get("nextCursor").asText();

        Api.Reply reply = api.get("/shops?category=korean&limit=3&cursor=" + cursor);

        assertEquals(400, reply.status());
        assertEquals("invalid_cursor", reply.text("error"));
    }

    @Test
    void aRowWrittenBeforeSharding_isFoundByReconcileAndListedAgainAfterARebuild() {
        String legacyCategory = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String id = api.createShop("Legacy", legacyCategory);
        Eventually.until("listed", DEADLINE, () -> api.get("/shops?category=" + legacyCategory).body().get("shops").size() == 1);
        // As projection version 1 wrote it: the same fields, no categoryShard, so ByCategory does not hold it.
        Map<String, AttributeValue> key = Map.of("shopId", AttributeValue.fromS(id));
        cloud.dynamo().updateItem(r -> r.tableName("zerosync-local-view-shop-list").key(key)
                .updateExpression("REMOVE categoryShard SET projectionVersion = :v1")
                .expressionAttributeValues(Map.of(":v1", AttributeValue.fromN("1"))));
        assertEquals(0, api.get("/shops?category=" + legacyCategory).body().get("shops").size(), "invisible unsharded");
        Map<String, Object> scope = Map.of("type", "ids", "ids", List.of(id));
        Api.Reply drift = api.post("/admin/views/shop-list/reconcile", Map.of("scope", scope, "repair", false));
        assertEquals(1, drift.body().at("/divergent/count").asInt(), drift.body().toString());

        Api.Reply started = api.post("/admin/reimports", Map.of("view", "shop-list", "mode", "rebuild", "scope", scope));
        assertEquals(202, started.status(), started.body().toString());
        JsonNode job = Eventually.await("the rebuild", DEADLINE, () -> api.get("/admin/reimports/" + started.text("jobId")).body(),
                j -> List.of("succeeded", "failed", "cancelled").contains(j.get("state").asText()));

        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals(id, api.get("/shops?category=" + legacyCategory).body().at("/shops/0/shopId").asText());
        Map<String, AttributeValue> row = cloud.dynamo().getItem(r -> r.tableName("zerosync-local-view-shop-list").key(key).consistentRead(true)).item();
        assertTrue(row.get("categoryShard").s().startsWith(legacyCategory + "#"), row.toString());
        assertEquals("2", row.get("projectionVersion").n());
    }
}
