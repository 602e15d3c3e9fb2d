package io.zerosync.aws.dynamodb;

import io.zerosync.core.port.ViewStore;
import io.zerosync.core.sync.ContentHash;
import io.zerosync.core.sync.Gate;
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
import java.util.Set;

/**
 * A read model's table. Rows are keyed by shopId and carry, besides the projected fields, the source
 * version, the projection version that wrote them and the content hash of their fields. Every write is
 * conditional, so a row never moves behind the source and a concurrent newer write is never undone:
 * <ul>
 *   <li>event gate: {@code attribute_not_exists(version) OR version < :v OR (version = :v AND
 *       (attribute_not_exists(projectionVersion) OR projectionVersion < :pv))};</li>
 *   <li>rebuild gate: the same, with {@code projectionVersion <= :pv}: at the same version the source's
 *       state is one and the same, so rewriting it with the current projection can only correct the
 *       row; only a row written by a newer projection (a rollout in progress) is left alone;</li>
 *   <li>replace (a row or a deletion marker): {@code version = :read}, the version the caller read;</li>
 *   <li>deletion markers: {@code version < :v} only, as before.</li>
 * </ul>
 * A table with indexes of its own also stores the {@link IndexKeys} it derives from each row (the
 * shop-list's {@code categoryShard}); they are left out of the content hash, but a live row whose derived
 * keys are missing or stale reads back with a hash that matches nothing, so reconcile finds it and its
 * repair rewrites it.
 */
public final class DynamoDbViewStore implements ViewStore {
    public static final String VERSION = "version";
    public static final String CHANGED_AT = "changedAt";
    public static final String SYNCED_AT = "syncedAt";
    public static final String PROJECTION_VERSION = "projectionVersion";
    public static final String CONTENT_HASH = "contentHash";
    /** Deletion markers: present only on rows that stand for a deleted shop. */
    public static final String DELETED = "deleted";
    public static final String EXPIRES_AT = "expiresAt";
    /** Attributes that are bookkeeping, not projected fields. */
    public static final Set<String> BOOKKEEPING = Set.of(ShopItems.SHOP_ID, VERSION, CHANGED_AT, SYNCED_AT,
            PROJECTION_VERSION, CONTENT_HASH, DELETED, EXPIRES_AT);
    private static final String NEWER = "attribute_not_exists(#v) OR #v < :v";
    private static final String EVENT = NEWER + " OR (#v = :v AND (attribute_not_exists(#pv) OR #pv < :pv))";
    private static final String REBUILD = NEWER + " OR (#v = :v AND (attribute_not_exists(#pv) OR #pv <= :pv))";
    private static final String AS_READ = "#v = :read";
    private static final Duration MARKER_TTL = Duration.ofDays(30);
    private static final String ROWS = "rows";
    /** The content hash of a row whose index keys are not what its fields make: never a projection's hash. */
    static final String STALE_INDEX_KEYS = "stale-index-keys";

    private final DynamoDbClient dynamo;
    private final String table;
    private final IndexKeys indexKeys;

    public DynamoDbViewStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, IndexKeys.NONE);
    }

    public DynamoDbViewStore(DynamoDbClient dynamo, String table, IndexKeys indexKeys) {
        this.dynamo = dynamo;
        this.table = table;
        this.indexKeys = indexKeys;
    }

    public String table() {
        return table;
    }

    @Override
    public boolean put(ViewRow row, Gate gate) {
        if (gate == Gate.RESTORE) {
            throw new IllegalArgumentException("restore writes go through replace(row, readVersion)");
        }
        return write(item(row), gate == Gate.EVENT ? EVENT : REBUILD,
                Map.of("#v", VERSION, "#pv", PROJECTION_VERSION),
                Map.of(":v", ShopItems.n(row.version()), ":pv", ShopItems.n(row.projectionVersion())));
    }

    @Override
    public boolean replace(ViewRow row, long readVersion) {
        return write(item(row), AS_READ, Map.of("#v", VERSION), Map.of(":read", ShopItems.n(readVersion)));
    }

    /** The item a row is stored as (fields, derived index keys, bookkeeping), as every write here sends it. */
    public Map<String, AttributeValue> item(ViewRow row) {
        Map<String, AttributeValue> item = new HashMap<>();
        row.fields().forEach((k, v) -> item.put(k, AttributeValues.of(v)));
        item.putAll(indexKeys.of(row.shopId(), row.fields()));
        item.put(ShopItems.SHOP_ID, ShopItems.s(row.shopId()));
        item.put(VERSION, ShopItems.n(row.version()));
        item.put(CHANGED_AT, ShopItems.s(Timestamps.format(row.changedAt())));
        item.put(SYNCED_AT, ShopItems.s(Timestamps.format(row.syncedAt())));
        item.put(PROJECTION_VERSION, ShopItems.n(row.projectionVersion()));
        item.put(CONTENT_HASH, ShopItems.s(row.contentHash()));
        return item;
    }

    @Override
    public boolean markDeleted(String shopId, long version, Instant at) {
        return write(marker(shopId, version, at), NEWER, Map.of("#v", VERSION), Map.of(":v", ShopItems.n(version)));
    }

    @Override
    public boolean replaceDeleted(String shopId, long version, Instant at, long readVersion) {
        return write(marker(shopId, version, at), AS_READ, Map.of("#v", VERSION), Map.of(":read", ShopItems.n(readVersion)));
    }

    private static Map<String, AttributeValue> marker(String shopId, long version, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ShopItems.SHOP_ID, ShopItems.s(shopId));
        item.put(VERSION, ShopItems.n(version));
        item.put(DELETED, AttributeValue.fromBool(true));
        item.put(SYNCED_AT, ShopItems.s(Timestamps.format(at)));
        item.put(EXPIRES_AT, ShopItems.n(at.plus(MARKER_TTL).getEpochSecond()));
        return item;
    }

    @Override
    public void delete(String shopId) {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of(ShopItems.SHOP_ID, ShopItems.s(shopId))));
    }

    /** Whole items are read: the content hash is recomputed from the fields the row actually holds. */
    @Override
    public Map<String, RowState> states(Collection<String> shopIds) {
        Map<String, RowState> states = new HashMap<>();
        BatchReads.byShopId(dynamo, table, shopIds, null, null).forEach(item -> {
            RowState state = state(item, indexKeys);
            states.put(state.shopId(), state);
        });
        return states;
    }

    @Override
    public StatePage scan(int segment, int totalSegments, String cursor, int limit) {
        String position = segment + "/" + totalSegments;
        ExportCursor from = ExportCursor.decode(cursor, ROWS, position);
        var response = dynamo.scan(r -> r.tableName(table).consistentRead(true)
                .segment(segment).totalSegments(totalSegments).limit(limit)
                .exclusiveStartKey(from == null ? null : from.lastKey()));
        List<RowState> rows = response.items().stream().map(item -> state(item, indexKeys)).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? new ExportCursor(ROWS, position, response.lastEvaluatedKey()).encode() : null;
        return new StatePage(rows, next);
    }

    private static RowState state(Map<String, AttributeValue> item, IndexKeys indexKeys) {
        AttributeValue deleted = item.get(DELETED);
        boolean marker = deleted != null && Boolean.TRUE.equals(deleted.bool());
        AttributeValue pv = item.get(PROJECTION_VERSION);
        String shopId = item.get(ShopItems.SHOP_ID).s();
        Map<String, Object> fields = new HashMap<>();
        Map<String, AttributeValue> derived = new HashMap<>();
        item.forEach((k, v) -> {
            if (indexKeys.names().contains(k)) {
                derived.put(k, v);
            } else if (!BOOKKEEPING.contains(k)) {
                fields.put(k, AttributeValues.toObject(v));
            }
        });
        String hash = null;
        if (!marker) {
            hash = derived.equals(indexKeys.of(shopId, fields)) ? ContentHash.of(fields) : STALE_INDEX_KEYS;
        }
        return new RowState(shopId, Long.parseLong(item.get(VERSION).n()), marker,
                pv == null || pv.n() == null ? 0 : Integer.parseInt(pv.n()), hash);
    }

    private boolean write(Map<String, AttributeValue> item, String condition, Map<String, String> names,
                          Map<String, AttributeValue> values) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
