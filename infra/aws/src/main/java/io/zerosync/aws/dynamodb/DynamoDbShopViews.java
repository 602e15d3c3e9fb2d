package io.zerosync.aws.dynamodb;

import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.shop.query.ListQuery;
import io.zerosync.shop.port.ShopViews;
import io.zerosync.shop.query.SortedMerge;
import io.zerosync.kernel.sync.ViewRow;
import io.zerosync.shop.views.ShopListProjection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The query side's reads: a shop-detail row by key, shop-list rows by category or, without a category,
 * by scan.
 *
 * <p>By category: the ByCategory index is keyed by {@link CategoryShards} ({@code <category>#<shard>}),
 * sorted by {@code listKey} (open flag, lower-cased name, shop ID). A page queries every shard of the
 * category in parallel and merges them by {@code listKey}: the same global order as one partition gave
 * (open first, then by name). The cursor holds the last row served ({@code listKey} and shop ID): every
 * shard resumes right after that key, so a page never repeats or skips a row, and the cursor stays a
 * few hundred characters whatever the shard count.
 */
public final class DynamoDbShopViews implements ShopViews {
    public static final String BY_CATEGORY = "ByCategory";
    private static final String LIST = "list";
    private static final Set<String> BOOKKEEPING = Set.of(ShopItems.SHOP_ID, DynamoDbViewStore.VERSION,
            DynamoDbViewStore.CHANGED_AT, DynamoDbViewStore.SYNCED_AT, DynamoDbViewStore.PROJECTION_VERSION,
            DynamoDbViewStore.CONTENT_HASH, ShopListProjection.LIST_KEY, CategoryShards.ATTRIBUTE);
    /** At most this many shard queries of one page run at once. */
    private static final int MAX_PARALLEL_SHARD_READS = 8;
    /** DynamoDB orders string keys by their UTF-8 bytes, which is code point order (not UTF-16 order). */
    private static final Comparator<Map<String, AttributeValue>> BY_LIST_KEY =
            Comparator.comparing(item -> item.get(ShopListProjection.LIST_KEY).s(), DynamoDbShopViews::compareCodePoints);

    private final DynamoDbClient dynamo;
    private final String detailTable;
    private final String listTable;
    private final CategoryShards shards;
    private final ExecutorService shardReads;

    public DynamoDbShopViews(DynamoDbClient dynamo, String detailTable, String listTable, CategoryShards shards) {
        this.dynamo = dynamo;
        this.detailTable = detailTable;
        this.listTable = listTable;
        this.shards = shards;
        this.shardReads = Executors.newFixedThreadPool(Math.min(shards.count(), MAX_PARALLEL_SHARD_READS), r -> {
            Thread t = new Thread(r, "shop-list-shard-read");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Detail detail(String shopId, boolean consistent) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(detailTable).consistentRead(consistent)
                .key(Map.of(ShopItems.SHOP_ID, ShopItems.s(shopId)))).item();
        if (item == null || item.isEmpty()) {
            return Detail.absent(false);
        }
        if (item.containsKey(DynamoDbViewStore.DELETED)) {
            return Detail.absent(true);
        }
        return Detail.of(row(item));
    }

    @Override
    public ListPage list(ListQuery q) {
        // Bound to its query: a cursor of one category (or open filter) replayed against another is refused.
        String read = LIST + "|c=" + q.category() + "|o=" + q.open();
        ExportCursor cursor = ExportCursor.decode(q.cursor(), read);
        if (q.category() != null) {
            return byCategory(q, read, cursor);
        }
        Map<String, AttributeValue> start = cursor == null ? null : cursor.lastKey();
        Map<String, String> names = new HashMap<>(Map.of("#d", DynamoDbViewStore.DELETED));
        Map<String, AttributeValue> values = new HashMap<>();
        String filter = "attribute_not_exists(#d)";
        if (q.open() != null) {
            filter += " AND #o = :o";
            names.put("#o", "open");
            values.put(":o", AttributeValue.fromBool(q.open()));
        }
        String filterExpression = filter;
        var response = dynamo.scan(r -> r.tableName(listTable).filterExpression(filterExpression)
                .expressionAttributeNames(names).expressionAttributeValues(values.isEmpty() ? null : values)
                .limit(q.limit()).exclusiveStartKey(start));
        return page(read, response.items(), response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null);
    }

    private ListPage byCategory(ListQuery q, String read, ExportCursor cursor) {
        Map<String, AttributeValue> after = cursor == null ? null : resumeAfter(cursor);
        List<ShardSource> sources = shards.keysOf(q.category()).stream()
                .map(key -> new ShardSource(q, key, after)).toList();
        SortedMerge.Result<Map<String, AttributeValue>> merged = SortedMerge.take(sources, BY_LIST_KEY, q.limit(), shardReads);
        List<Map<String, AttributeValue>> items = merged.items();
        String next = null;
        if (merged.more() && !items.isEmpty()) {
            Map<String, AttributeValue> last = items.get(items.size() - 1);
            next = new ExportCursor(read, null, Map.of(ShopListProjection.LIST_KEY, last.get(ShopListProjection.LIST_KEY),
                    ShopItems.SHOP_ID, last.get(ShopItems.SHOP_ID))).encode();
        }
        return new ListPage(items.stream().map(DynamoDbShopViews::row).toList(), next);
    }

    /** The last row a listing cursor served; cursors issued before sharding carry it too (plus the category). */
    private static Map<String, AttributeValue> resumeAfter(ExportCursor cursor) {
        Map<String, AttributeValue> key = cursor.lastKey();
        if (key == null || !key.containsKey(ShopListProjection.LIST_KEY) || !key.containsKey(ShopItems.SHOP_ID)) {
            throw new InvalidInputException("invalid_cursor", "cursor is not one this API issued");
        }
        return Map.of(ShopListProjection.LIST_KEY, key.get(ShopListProjection.LIST_KEY),
                ShopItems.SHOP_ID, key.get(ShopItems.SHOP_ID));
    }

    /**
     * One shard of a category, read in listKey order. Its first page starts right after the cursor's row:
     * an ExclusiveStartKey need not name an item of this shard, it is a position in the sort order.
     */
    private final class ShardSource implements SortedMerge.Source<Map<String, AttributeValue>> {
        private final ListQuery q;
        private final String key;
        private Map<String, AttributeValue> start;

        ShardSource(ListQuery q, String key, Map<String, AttributeValue> after) {
            this.q = q;
            this.key = key;
            if (after != null) {
                start = new HashMap<>(after);
                start.put(CategoryShards.ATTRIBUTE, ShopItems.s(key));
            }
        }

        @Override
        public SortedMerge.Page<Map<String, AttributeValue>> next() {
            Map<String, String> names = new HashMap<>(Map.of("#c", CategoryShards.ATTRIBUTE));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":c", ShopItems.s(key)));
            String condition = "#c = :c";
            if (q.open() != null) {
                condition += " AND begins_with(#k, :prefix)";
                names.put("#k", ShopListProjection.LIST_KEY);
                values.put(":prefix", ShopItems.s(ShopListProjection.listKeyPrefix(q.open())));
            }
            String keyCondition = condition;
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(r -> r.tableName(listTable).indexName(BY_CATEGORY)
                    .keyConditionExpression(keyCondition).expressionAttributeNames(names)
                    .expressionAttributeValues(values).limit(q.limit()).exclusiveStartKey(from));
            boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            start = more ? response.lastEvaluatedKey() : null;
            return new SortedMerge.Page<>(response.items(), more);
        }
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static ListPage page(String read, List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastKey) {
        String next = lastKey == null || lastKey.isEmpty() ? null : new ExportCursor(read, null, lastKey).encode();
        return new ListPage(items.stream().map(DynamoDbShopViews::row).toList(), next);
    }

    static ViewRow row(Map<String, AttributeValue> item) {
        Map<String, Object> fields = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (!BOOKKEEPING.contains(k)) {
                fields.put(k, AttributeValues.toObject(v));
            }
        });
        return new ViewRow(item.get(ShopItems.SHOP_ID).s(), Long.parseLong(item.get(DynamoDbViewStore.VERSION).n()),
                Timestamps.parse(item.get(DynamoDbViewStore.CHANGED_AT).s()),
                Timestamps.parse(item.get(DynamoDbViewStore.SYNCED_AT).s()), fields);
    }
}
