package io.zerosync.aws.dynamodb;

import io.zerosync.core.domain.InvalidInputException;
import io.zerosync.core.domain.Shop;
import io.zerosync.core.port.ExportPage;
import io.zerosync.core.port.ExportQuery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Pages through ShopsTable for exports: a window of updates is a query per UTC day and index shard on the
 * ByUpdatedAt index (shards read in parallel, see {@link ShardedPager}); everything is a (parallel) scan.
 * Tombstones come along in both, marked deleted.
 */
final class ShopExporter {
    static final String BY_UPDATED_AT = "ByUpdatedAt";
    private static final String SCAN = "scan";
    private static final String WINDOW = "window";

    /** Index partitions one page visits at most (a sparse window then answers a short page and a cursor). */
    static final int MAX_UNITS_PER_PAGE = 512;

    private final DynamoDbClient dynamo;
    private final String table;
    private final IndexShards shards;
    private final ShardedPager pager;

    ShopExporter(DynamoDbClient dynamo, String table, IndexShards shards, ShardedPager pager) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
        this.pager = pager;
    }

    ExportPage export(ExportQuery query) {
        return query.isWindow() ? window(query) : scan(query);
    }

    private ExportPage scan(ExportQuery query) {
        String position = query.segment() + "/" + query.totalSegments();
        // Bound to its segment: a cursor of segment 2/8 replayed as 3/8 would skip or repeat items.
        ExportCursor cursor = ExportCursor.decode(query.cursor(), SCAN, position);
        ScanResponse response = dynamo.scan(r -> r.tableName(table).consistentRead(true)
                .segment(query.segment()).totalSegments(query.totalSegments())
                .limit(query.limit())
                .exclusiveStartKey(cursor == null ? null : cursor.lastKey()));
        List<Shop> shops = response.items().stream().map(ShopItems::fromItem).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? new ExportCursor(SCAN, position, response.lastEvaluatedKey()).encode() : null;
        return new ExportPage(shops, next);
    }

    private ExportPage window(ExportQuery query) {
        String from = Timestamps.format(query.updatedFrom());
        // The window's end is exclusive; stored timestamps have millisecond precision.
        Instant lastIncluded = query.updatedTo().minusMillis(1);
        String to = Timestamps.format(lastIncluded);
        LocalDate firstDay = LocalDate.ofInstant(query.updatedFrom(), ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(lastIncluded, ZoneOffset.UTC);
        int shardCount = shards.count();
        int units = Math.toIntExact((ChronoUnit.DAYS.between(firstDay, lastDay) + 1) * shardCount);
        // Bound to its window and shard count: replayed against another window (or after the shard count
        // changed) its position would name another partition.
        String read = WINDOW + "|" + Timestamps.format(query.updatedFrom()) + "|" + Timestamps.format(query.updatedTo())
                + "|" + shardCount;
        ShardedPager.Position start = position(ExportCursor.decode(query.cursor(), read), units);
        // Unit u is day (u / shards), shard (u % shards): day after day, every shard of a day in parallel.
        ShardedPager.Page page = pager.read(units, start, query.limit(), MAX_UNITS_PER_PAGE,
                (unit, startKey, limit) -> dynamo.query(r -> r.tableName(table).indexName(BY_UPDATED_AT)
                        .keyConditionExpression("#s = :s AND #u BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#s", ShopItems.UPDATED_SHARD, "#u", ShopItems.UPDATED_AT))
                        .expressionAttributeValues(Map.of(":s", ShopItems.s(partition(firstDay, unit)),
                                ":from", ShopItems.s(from), ":to", ShopItems.s(to)))
                        .limit(limit)
                        .exclusiveStartKey(startKey)),
                (unit, item) -> Map.of(ShopItems.UPDATED_SHARD, ShopItems.s(partition(firstDay, unit)),
                        ShopItems.UPDATED_AT, item.get(ShopItems.UPDATED_AT), ShopItems.SHOP_ID, item.get(ShopItems.SHOP_ID)));
        String next = page.next() == null ? null
                : new ExportCursor(read, Integer.toString(page.next().unit()), page.next().lastKey()).encode();
        return new ExportPage(fullItems(page.items()), next);
    }

    private String partition(LocalDate firstDay, int unit) {
        return ShopItems.updatedShard(firstDay.plusDays(unit / shards.count()).toString(), unit % shards.count());
    }

    /**
     * The index holds keys only (writing whole shops to it doubled every command's write cost): the shops
     * come from the table, consistently, in the index's order. An entry whose item expired meanwhile (a
     * tombstone's TTL) is simply absent.
     */
    private List<Shop> fullItems(List<Map<String, AttributeValue>> entries) {
        List<String> ids = entries.stream().map(e -> e.get(ShopItems.SHOP_ID).s()).toList();
        Map<String, Shop> byId = new HashMap<>();
        BatchReads.byShopId(dynamo, table, ids, null, null)
                .forEach(item -> byId.put(item.get(ShopItems.SHOP_ID).s(), ShopItems.fromItem(item)));
        List<Shop> shops = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            Shop shop = byId.get(id);
            if (shop != null) {
                shops.add(shop);
            }
        }
        return shops;
    }

    private static ShardedPager.Position position(ExportCursor cursor, int units) {
        if (cursor == null) {
            return null;
        }
        int unit;
        try {
            unit = Integer.parseInt(cursor.position());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("invalid_cursor", "cursor is not one this API issued");
        }
        if (unit < 0 || unit >= units) {
            throw new InvalidInputException("invalid_cursor", "cursor is not one this API issued");
        }
        return new ShardedPager.Position(unit, cursor.lastKey());
    }
}
