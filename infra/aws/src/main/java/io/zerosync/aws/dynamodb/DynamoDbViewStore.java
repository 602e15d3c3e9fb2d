package io.zerosync.aws.dynamodb;

import io.zerosync.core.port.ViewStore;
import io.zerosync.core.sync.ViewRow;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A read model's table. Rows are keyed by shopId; every write carries the condition
 * {@code attribute_not_exists(version) OR version < :v}, so a row never moves backwards.
 */
public final class DynamoDbViewStore implements ViewStore {
    public static final String VERSION = "version";
    public static final String CHANGED_AT = "changedAt";
    public static final String SYNCED_AT = "syncedAt";
    /** Deletion markers: present only on rows that stand for a deleted shop. */
    public static final String DELETED = "deleted";
    public static final String EXPIRES_AT = "expiresAt";
    private static final String NEWER = "attribute_not_exists(#v) OR #v < :v";
    private static final Duration MARKER_TTL = Duration.ofDays(30);
    private static final String ROWS = "rows";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbViewStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public String table() {
        return table;
    }

    @Override
    public Map<String, Long> versions(Collection<String> shopIds) {
        Map<String, Long> versions = new HashMap<>();
        states(shopIds).forEach((id, state) -> versions.put(id, state.version()));
        return versions;
    }

    @Override
    public boolean put(ViewRow row) {
        Map<String, AttributeValue> item = new HashMap<>();
        row.fields().forEach((k, v) -> item.put(k, AttributeValues.of(v)));
        item.put(ShopItems.SHOP_ID, ShopItems.s(row.shopId()));
        item.put(VERSION, ShopItems.n(row.version()));
        item.put(CHANGED_AT, ShopItems.s(Timestamps.format(row.changedAt())));
        item.put(SYNCED_AT, ShopItems.s(Timestamps.format(row.syncedAt())));
        return putIfNewer(item, row.version());
    }

    @Override
    public boolean markDeleted(String shopId, long version, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ShopItems.SHOP_ID, ShopItems.s(shopId));
        item.put(VERSION, ShopItems.n(version));
        item.put(DELETED, AttributeValue.fromBool(true));
        item.put(SYNCED_AT, ShopItems.s(Timestamps.format(at)));
        item.put(EXPIRES_AT, ShopItems.n(at.plus(MARKER_TTL).getEpochSecond()));
        return putIfNewer(item, version);
    }

    @Override
    public void delete(String shopId) {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of(ShopItems.SHOP_ID, ShopItems.s(shopId))));
    }

    @Override
    public Map<String, RowState> states(Collection<String> shopIds) {
        Map<String, RowState> states = new HashMap<>();
        BatchReads.byShopId(dynamo, table, shopIds, "shopId, #v, #d", Map.of("#v", VERSION, "#d", DELETED))
                .forEach(item -> {
                    RowState state = state(item);
                    states.put(state.shopId(), state);
                });
        return states;
    }

    @Override
    public StatePage scan(int segment, int totalSegments, String cursor, int limit) {
        String position = segment + "/" + totalSegments;
        ExportCursor from = ExportCursor.decode(cursor, ROWS);
        var response = dynamo.scan(r -> r.tableName(table).consistentRead(true)
                .segment(segment).totalSegments(totalSegments).limit(limit)
                .exclusiveStartKey(from == null ? null : from.lastKey())
                .projectionExpression("shopId, #v, #d")
                .expressionAttributeNames(Map.of("#v", VERSION, "#d", DELETED)));
        List<RowState> rows = response.items().stream().map(DynamoDbViewStore::state).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? new ExportCursor(ROWS, position, response.lastEvaluatedKey()).encode() : null;
        return new StatePage(rows, next);
    }

    private static RowState state(Map<String, AttributeValue> item) {
        AttributeValue deleted = item.get(DELETED);
        return new RowState(item.get(ShopItems.SHOP_ID).s(), Long.parseLong(item.get(VERSION).n()),
                deleted != null && Boolean.TRUE.equals(deleted.bool()));
    }

    private boolean putIfNewer(Map<String, AttributeValue> item, long version) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression(NEWER)
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":v", ShopItems.n(version))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
