package io.zerosync.aws.dynamodb;

import io.zerosync.kernel.port.ViewStore;
import io.zerosync.kernel.sync.ContentHash;
import io.zerosync.kernel.sync.Gate;
import io.zerosync.kernel.sync.ViewRow;
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
import java.util.Optional;
import java.util.Set;

/**
 * A read model's table. Rows are keyed by the view's key attribute (the entity's ID) and carry, besides the projected fields, the source
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
 * A table with indexes of its own also stores the {@link IndexKeys} it derives from each row (e.g. the
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
    /** Deletion markers: present only on rows that stand for a deleted entity. */
    public static final String DELETED = "deleted";
    public static final String EXPIRES_AT = "expiresAt";
    /** Attributes that are bookkeeping, not projected fields (besides the key attribute). */
    public static final Set<String> BOOKKEEPING = Set.of(VERSION, CHANGED_AT, SYNCED_AT, PROJECTION_VERSION,
            CONTENT_HASH, DELETED, EXPIRES_AT);
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
    private final String keyAttribute;
    private final IndexKeys indexKeys;

    public DynamoDbViewStore(DynamoDbClient dynamo, String table, String keyAttribute) {
        this(dynamo, table, keyAttribute, IndexKeys.NONE);
    }

    /** @param keyAttribute the table's hash key, holding the entity's ID (e.g. {@code orderId}) */
    public DynamoDbViewStore(DynamoDbClient dynamo, String table, String keyAttribute, IndexKeys indexKeys) {
        this.dynamo = dynamo;
        this.table = table;
        this.keyAttribute = keyAttribute;
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
                Map.of(":v", AttributeValues.n(row.version()), ":pv", AttributeValues.n(row.projectionVersion())));
    }

    @Override
    public boolean replace(ViewRow row, long readVersion) {
        return write(item(row), AS_READ, Map.of("#v", VERSION), Map.of(":read", AttributeValues.n(readVersion)));
    }

    /** The item a row is stored as (fields, derived index keys, bookkeeping), as every write here sends it. */
    public Map<String, AttributeValue> item(ViewRow row) {
        Map<String, AttributeValue> item = new HashMap<>();
        row.fields().forEach((k, v) -> item.put(k, AttributeValues.of(v)));
        item.putAll(indexKeys.of(row.id(), row.fields()));
        item.put(keyAttribute, AttributeValues.s(row.id()));
        item.put(VERSION, AttributeValues.n(row.version()));
        item.put(CHANGED_AT, AttributeValues.s(Timestamps.format(row.changedAt())));
        item.put(SYNCED_AT, AttributeValues.s(Timestamps.format(row.syncedAt())));
        item.put(PROJECTION_VERSION, AttributeValues.n(row.projectionVersion()));
        item.put(CONTENT_HASH, AttributeValues.s(row.contentHash()));
        return item;
    }

    @Override
    public boolean markDeleted(String id, long version, Instant at) {
        return write(marker(id, version, at), NEWER, Map.of("#v", VERSION), Map.of(":v", AttributeValues.n(version)));
    }

    @Override
    public boolean replaceDeleted(String id, long version, Instant at, long readVersion) {
        return write(marker(id, version, at), AS_READ, Map.of("#v", VERSION), Map.of(":read", AttributeValues.n(readVersion)));
    }

    private Map<String, AttributeValue> marker(String id, long version, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(keyAttribute, AttributeValues.s(id));
        item.put(VERSION, AttributeValues.n(version));
        item.put(DELETED, AttributeValue.fromBool(true));
        item.put(SYNCED_AT, AttributeValues.s(Timestamps.format(at)));
        item.put(EXPIRES_AT, AttributeValues.n(at.plus(MARKER_TTL).getEpochSecond()));
        return item;
    }

    @Override
    public void delete(String id) {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of(keyAttribute, AttributeValues.s(id))));
    }

    /** An eventually consistent read, as the query side's: the row as it was a moment ago at most. */
    @Override
    public Optional<ViewRow> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of(keyAttribute, AttributeValues.s(id)))).item();
        if (item == null || item.isEmpty() || (item.get(DELETED) != null && Boolean.TRUE.equals(item.get(DELETED).bool()))) {
            return Optional.empty();
        }
        Map<String, Object> fields = fieldsOf(item);
        AttributeValue pv = item.get(PROJECTION_VERSION);
        return Optional.of(new ViewRow(id, Long.parseLong(item.get(VERSION).n()), Timestamps.parse(item.get(CHANGED_AT).s()),
                Timestamps.parse(item.get(SYNCED_AT).s()), fields, pv == null ? 0 : Integer.parseInt(pv.n()),
                ContentHash.of(fields)));
    }

    /** Whole items are read: the content hash is recomputed from the fields the row actually holds. */
    @Override
    public Map<String, RowState> states(Collection<String> ids) {
        Map<String, RowState> states = new HashMap<>();
        BatchReads.byKey(dynamo, table, keyAttribute, ids, null, null).forEach(item -> {
            RowState state = state(item);
            states.put(state.id(), state);
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
        List<RowState> rows = response.items().stream().map(this::state).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? new ExportCursor(ROWS, position, response.lastEvaluatedKey()).encode() : null;
        return new StatePage(rows, next);
    }

    private RowState state(Map<String, AttributeValue> item) {
        AttributeValue deleted = item.get(DELETED);
        boolean marker = deleted != null && Boolean.TRUE.equals(deleted.bool());
        AttributeValue pv = item.get(PROJECTION_VERSION);
        String id = item.get(keyAttribute).s();
        Map<String, Object> fields = fieldsOf(item);
        Map<String, AttributeValue> derived = new HashMap<>(item);
        derived.keySet().retainAll(indexKeys.names());
        String hash = null;
        if (!marker) {
            hash = derived.equals(indexKeys.of(id, fields)) ? ContentHash.of(fields) : STALE_INDEX_KEYS;
        }
        return new RowState(id, Long.parseLong(item.get(VERSION).n()), marker,
                pv == null || pv.n() == null ? 0 : Integer.parseInt(pv.n()), hash);
    }

    /** The projected fields an item holds: neither bookkeeping, nor the key, nor the index keys derived from them. */
    private Map<String, Object> fieldsOf(Map<String, AttributeValue> item) {
        Map<String, Object> fields = new HashMap<>();
        item.forEach((k, v) -> {
            if (!BOOKKEEPING.contains(k) && !k.equals(keyAttribute) && !indexKeys.names().contains(k)) {
                fields.put(k, AttributeValues.toObject(v));
            }
        });
        return fields;
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
