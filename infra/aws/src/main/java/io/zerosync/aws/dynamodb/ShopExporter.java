package io.zerosync.aws.dynamodb;

import io.zerosync.core.domain.Shop;
import io.zerosync.core.port.ExportPage;
import io.zerosync.core.port.ExportQuery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pages through ShopsTable for exports: a window of updates is a query per UTC day on the ByUpdatedAt
 * index; everything is a (parallel) scan. Tombstones come along in both, marked deleted.
 */
final class ShopExporter {
    static final String BY_UPDATED_AT = "ByUpdatedAt";
    private static final String SCAN = "scan";
    private static final String WINDOW = "window";

    private final DynamoDbClient dynamo;
    private final String table;

    ShopExporter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
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
        LocalDate lastDay = LocalDate.ofInstant(lastIncluded, ZoneOffset.UTC);
        // Bound to its window: a cursor replayed against another window would start at a day outside it.
        String read = WINDOW + "|" + Timestamps.format(query.updatedFrom()) + "|" + Timestamps.format(query.updatedTo());
        ExportCursor cursor = ExportCursor.decode(query.cursor(), read);
        LocalDate day = cursor == null ? LocalDate.ofInstant(query.updatedFrom(), ZoneOffset.UTC)
                : LocalDate.parse(cursor.position());
        Map<String, AttributeValue> startKey = cursor == null ? null : cursor.lastKey();

        List<Shop> shops = new ArrayList<>();
        while (!day.isAfter(lastDay) && shops.size() < query.limit()) {
            String bucket = day.toString();
            Map<String, AttributeValue> exclusiveStart = startKey;
            int remaining = query.limit() - shops.size();
            QueryResponse response = dynamo.query(r -> r.tableName(table).indexName(BY_UPDATED_AT)
                    .keyConditionExpression("#d = :d AND #u BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#d", ShopItems.UPDATED_DAY, "#u", ShopItems.UPDATED_AT))
                    .expressionAttributeValues(Map.of(":d", ShopItems.s(bucket), ":from", ShopItems.s(from),
                            ":to", ShopItems.s(to)))
                    .limit(remaining)
                    .exclusiveStartKey(exclusiveStart));
            response.items().forEach(item -> shops.add(ShopItems.fromItem(item)));
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                return new ExportPage(shops, new ExportCursor(read, bucket, response.lastEvaluatedKey()).encode());
            }
            day = day.plusDays(1);
            startKey = null;
        }
        String next = day.isAfter(lastDay) ? null : new ExportCursor(read, day.toString(), null).encode();
        return new ExportPage(shops, next);
    }
}
