package io.zerosync.functions;

import io.zerosync.aws.dynamodb.CategoryShards;
import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.shop.views.ShopListProjection;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * template.yaml's ByCategory index and the code agree: it is keyed by the sharded key the shop-list's
 * store writes, it projects every field a listing serves (a field missing from an INCLUDE projection
 * would silently vanish from listings, and changing it later means rebuilding the index), and every
 * function that writes or reads shop-list rows gets the same shard count.
 */
class ShopListIndexTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> resources() throws Exception {
        return map(TemplateAgreementTest.template().get("Resources"));
    }

    private static Map<String, Object> byCategory() throws Exception {
        Map<String, Object> table = map(map(resources().get("ShopListView.Table")).get("Properties"));
        return ((List<Object>) table.get("GlobalSecondaryIndexes")).stream().map(ShopListIndexTest::map)
                .filter(g -> "ByCategory".equals(g.get("IndexName"))).findFirst().orElseThrow();
    }

    @Test
    void byCategoryIsKeyedByTheShardedKey_andSortedByListKey() throws Exception {
        List<Object> keys = (List<Object>) byCategory().get("KeySchema");

        assertEquals(Map.of("AttributeName", CategoryShards.ATTRIBUTE, "KeyType", "HASH"), keys.get(0));
        assertEquals(Map.of("AttributeName", ShopListProjection.LIST_KEY, "KeyType", "RANGE"), keys.get(1));
    }

    @Test
    void byCategoryProjectsEveryFieldAListingServes() throws Exception {
        Map<String, Object> projection = map(byCategory().get("Projection"));
        assertEquals("INCLUDE", projection.get("ProjectionType"));
        Set<String> included = new HashSet<>((List<String>) projection.get("NonKeyAttributes"));
        Shop full = new Shop("shp_1", 1, Instant.EPOCH, new ShopDetails("Full", "noodles", "1 Main St", "+49 30 1234",
                1000, 200, true, List.of(new Menu("m1", "Bowl", 900, false))));
        Set<String> needed = new HashSet<>(new ShopListProjection().project(full).keySet());
        needed.remove(ShopListProjection.LIST_KEY);
        // What the query side reads besides the fields (DynamoDbShopViews.row).
        needed.addAll(List.of("version", "changedAt", "syncedAt"));

        assertEquals(needed, included);
    }

    @Test
    void everyFunctionThatWritesOrReadsShopListRowsGetsTheSameShardCount() throws Exception {
        Map<String, Object> parameter = map(map(TemplateAgreementTest.template().get("Parameters")).get("CategoryShards"));
        assertEquals(new io.zerosync.functions.config.ZerosyncConfig().getCategoryShards(), parameter.get("Default"),
                "the functions' default and the template's agree");
        assertTrue(((Number) parameter.get("MaxValue")).intValue() <= CategoryShards.MAX);
        int users = 0;
        for (var r : resources().entrySet()) {
            Map<String, Object> resource = map(r.getValue());
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                continue;
            }
            Map<String, Object> env = map(map(map(resource.get("Properties")).getOrDefault("Environment", Map.of()))
                    .getOrDefault("Variables", Map.of()));
            boolean syncsShopList = String.valueOf(env.get("ZEROSYNC_VIEW_PROJECTION")).contains("ShopListProjection");
            // The admin API, the re-import worker and the query function find every view, shop-list too.
            boolean touchesShopList = env.containsKey("ZEROSYNC_VIEW_QUEUE_PREFIX");
            if (syncsShopList) {
                // Its view block passes the count in its Settings (view template), read by SyncFactory.
                users++;
                assertEquals("!Sub categoryShards=${CategoryShards}", env.get("ZEROSYNC_VIEW_SETTINGS"), r.getKey());
            } else if (touchesShopList) {
                users++;
                assertEquals("!Ref CategoryShards", env.get("ZEROSYNC_CATEGORY_SHARDS"), r.getKey());
            } else {
                assertFalse(env.containsKey("ZEROSYNC_CATEGORY_SHARDS"), r.getKey() + " has no use for it");
            }
        }
        assertTrue(users >= 4, "the shop-list sync, the query API, the admin API and the re-import worker");
    }
}
