package io.zerosync.local.views;

import io.zerosync.aws.dynamodb.CategoryShards;
import io.zerosync.aws.dynamodb.DynamoDbShopViews;
import io.zerosync.aws.dynamodb.DynamoDbViewStore;
import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.kernel.port.ViewStore;
import io.zerosync.shop.query.ListQuery;
import io.zerosync.shop.port.ShopViews;
import io.zerosync.kernel.sync.View;
import io.zerosync.kernel.sync.ViewRow;
import io.zerosync.shop.views.ShopListProjection;
import io.zerosync.local.emulators.DynamoDbLocalServer;
import io.zerosync.local.emulators.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharded shop-list against DynamoDB Local: rows stored by the view store land on every shard of their
 * category, and a listing pages through them exactly once, in the order one partition gave (open first,
 * then by name in DynamoDB's byte order), whatever the page size; its cursors cannot be forged or moved.
 */
class ShardedListingTest {
    private static final String TABLE = "ShopListTable";
    private static final String CATEGORY = "noodles";
    private static final CategoryShards SHARDS = new CategoryShards(8);
    private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");
    /** Mixed case, accents, a symbol above U+FFFF and one just below it: UTF-16 order differs from DynamoDB's here. */
    private static final List<String> NAMES = List.of("Alpha", "alpha", "Zeta", "Émile", "\ud83c\udf5c Ramen", "\uff21 Wide",
            "Bun #1", "bun #2", "Ökonom", "Zz", "ábaco", "Soba");
    private static DynamoDbLocalServer dynamoDbLocal;
    private static DynamoDbClient dynamo;
    private static ShopViews views;
    private static final List<ViewRow> ROWS = new ArrayList<>();

    @BeforeAll
    static void start() {
        dynamoDbLocal = DynamoDbLocalServer.start(0);
        dynamo = LocalAws.syncClient(DynamoDbClient.builder(), dynamoDbLocal.endpoint());
        // As template.yaml declares it.
        dynamo.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                        a -> a.attributeName("shopId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(CategoryShards.ATTRIBUTE).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(ShopListProjection.LIST_KEY).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("shopId").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName(DynamoDbShopViews.BY_CATEGORY)
                        .keySchema(k -> k.attributeName(CategoryShards.ATTRIBUTE).keyType(KeyType.HASH),
                                k -> k.attributeName(ShopListProjection.LIST_KEY).keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("name", "category",
                                "open", "minOrderAmount", "deliveryFee", "menuCount", "cheapestMenuPrice", "version",
                                "changedAt", "syncedAt"))));
        View<Shop> view = new View<>(new ShopListProjection(), new DynamoDbViewStore(dynamo, TABLE, "shopId", SHARDS), null);
        for (int i = 0; i < 64; i++) {
            ViewRow row = view.rowOf(shop("shp_" + i, NAMES.get(i % NAMES.size()), CATEGORY, i % 3 != 0), AT);
            view.store().put(row);
            ROWS.add(row);
        }
        // Another category, to be sure nothing of it leaks into the listing.
        view.store().put(view.rowOf(shop("shp_other", "Alpha", "other", true), AT));
        views = new DynamoDbShopViews(dynamo, "ShopDetailTable", TABLE, SHARDS);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        dynamoDbLocal.close();
    }

    private static Shop shop(String id, String name, String category, boolean open) {
        return new Shop(id, 1, AT, new ShopDetails(name, category, "1 Main St", "+49 30 1234", 1000, 200, open,
                List.of(new Menu("m1", "Bowl", 900, false))));
    }

    /** The order one partition gave: by listKey, compared as DynamoDB does, byte by byte in UTF-8. */
    private static List<String> expected(Boolean open) {
        return ROWS.stream().filter(r -> open == null || r.fields().get("open").equals(open))
                .sorted(Comparator.comparing(r -> ((String) r.fields().get(ShopListProjection.LIST_KEY)).getBytes(StandardCharsets.UTF_8),
                        Arrays::compareUnsigned))
                .map(ViewRow::id).toList();
    }

    private static List<String> pageThrough(Boolean open, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ShopViews.ListPage page = views.list(new ListQuery(CATEGORY, open, limit, cursor));
            page.rows().forEach(r -> seen.add(r.id()));
            assertTrue(page.rows().size() == limit || page.nextCursor() == null, "only the last page is short");
            cursor = page.nextCursor();
            assertTrue(seen.size() <= 64, "paging ends");
        } while (cursor != null);
        return seen;
    }

    @Test
    void spreadsOneCategoryOverEveryShard_whenRowsAreStored() {
        Set<String> keys = dynamo.scanPaginator(r -> r.tableName(TABLE).indexName(DynamoDbShopViews.BY_CATEGORY)).items().stream()
                .filter(i -> i.get("category").s().equals(CATEGORY))
                .map(i -> i.get(CategoryShards.ATTRIBUTE).s()).collect(Collectors.toSet());

        assertEquals(Set.copyOf(SHARDS.keysOf(CATEGORY)), keys);
    }

    @Test
    void returnsEveryRowOnceInTheUnshardedOrder_whateverThePageSize() {
        for (Boolean open : Arrays.asList(null, true, false)) {
            for (int limit : List.of(1, 3, 7, 20, 63, 64, 100)) {
                assertEquals(expected(open), pageThrough(open, limit), "open=" + open + " limit=" + limit);
            }
        }
    }

    @Test
    void servesOnlyTheListFields_notTheRowsBookkeepingOrIndexKey() {
        ViewRow first = views.list(new ListQuery(CATEGORY, null, 1, null)).rows().get(0);

        assertEquals(Set.of("name", "category", "open", "minOrderAmount", "deliveryFee", "menuCount", "cheapestMenuPrice"),
                first.fields().keySet());
    }

    @Test
    void refusesACursor_whenItIsForgedOrBelongsToAnotherListing() {
        String cursor = views.list(new ListQuery(CATEGORY, null, 5, null)).nextCursor();
        char last = cursor.charAt(cursor.length() - 1);
        String forged = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');

        for (ListQuery q : List.of(new ListQuery(CATEGORY, null, 5, forged), new ListQuery("other", null, 5, cursor),
                new ListQuery(CATEGORY, true, 5, cursor), new ListQuery(null, null, 5, cursor), new ListQuery(CATEGORY, null, 5, "x.y"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> views.list(q), q.toString());
            assertEquals("invalid_cursor", e.code());
        }
    }

    @Test
    void endsWithoutACursor_whenTheCategoryIsEmpty() {
        ShopViews.ListPage page = views.list(new ListQuery("empty", null, 10, null));

        assertEquals(List.of(), page.rows());
        assertNull(page.nextCursor());
    }

    @Test
    void readsARowWithoutItsShardKeyAsDrifted_soReconcileRepairsIt() {
        // A row as written before sharding: same fields, no categoryShard (invisible to ByCategory).
        ViewRow row = ROWS.get(0);
        Map<String, AttributeValue> item = new HashMap<>(dynamo.getItem(r -> r.tableName(TABLE).consistentRead(true)
                .key(Map.of("shopId", AttributeValue.fromS(row.id())))).item());
        item.remove(CategoryShards.ATTRIBUTE);
        item.put("shopId", AttributeValue.fromS("shp_legacy"));
        dynamo.putItem(r -> r.tableName(TABLE).item(item));
        DynamoDbViewStore store = new DynamoDbViewStore(dynamo, TABLE, "shopId", SHARDS);

        Map<String, ViewStore.RowState> states = store.states(List.of(row.id(), "shp_legacy"));

        assertEquals(row.contentHash(), states.get(row.id()).contentHash(), "a stored row hashes as projected");
        assertNotEquals(row.contentHash(), states.get("shp_legacy").contentHash());
        dynamo.deleteItem(r -> r.tableName(TABLE).key(Map.of("shopId", AttributeValue.fromS("shp_legacy"))));
    }
}
