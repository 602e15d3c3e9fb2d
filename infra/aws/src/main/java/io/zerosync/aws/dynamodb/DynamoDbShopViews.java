package io.zerosync.aws.dynamodb;

import io.zerosync.core.query.ListQuery;
import io.zerosync.core.query.ShopViews;
import io.zerosync.core.sync.ViewRow;
import io.zerosync.core.views.ShopListProjection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query side's reads: a shop-detail row by key, shop-list rows by category (ByCategory index,
 * sorted by name, open shops first when not filtered) or, without a category, by scan.
 */
public final class DynamoDbShopViews implements ShopViews {
    public static final String BY_CATEGORY = "ByCategory";
    private static final String LIST = "list";
    private static final Set<String> BOOKKEEPING = Set.of(ShopItems.SHOP_ID, DynamoDbViewStore.VERSION,
            DynamoDbViewStore.CHANGED_AT, DynamoDbViewStore.SYNCED_AT, DynamoDbViewStore.PROJECTION_VERSION,
            DynamoDbViewStore.CONTENT_HASH, ShopListProjection.LIST_KEY);

    private final DynamoDbClient dynamo;
    private final String detailTable;
    private final String listTable;

    public DynamoDbShopViews(DynamoDbClient dynamo, String detailTable, String listTable) {
        this.dynamo = dynamo;
        this.detailTable = detailTable;
        this.listTable = listTable;
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
        Map<String, AttributeValue> start = cursor == null ? null : cursor.lastKey();
        if (q.category() != null) {
            Map<String, String> names = new HashMap<>(Map.of("#c", "category"));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":c", ShopItems.s(q.category())));
            String condition = "#c = :c";
            if (q.open() != null) {
                condition += " AND begins_with(#k, :prefix)";
                names.put("#k", ShopListProjection.LIST_KEY);
                values.put(":prefix", ShopItems.s(ShopListProjection.listKeyPrefix(q.open())));
            }
            String keyCondition = condition;
            var response = dynamo.query(r -> r.tableName(listTable).indexName(BY_CATEGORY)
                    .keyConditionExpression(keyCondition).expressionAttributeNames(names)
                    .expressionAttributeValues(values).limit(q.limit()).exclusiveStartKey(start));
            return page(read, response.items(), response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null);
        }
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
