package io.zerosync.bench.support;

import io.zerosync.local.LocalCloud;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/** Empties a view table between runs (set-up, not measured), so every run writes every row. */
public final class ViewTables {
    private static final int SEGMENTS = 4;

    private ViewTables() {
    }

    public static void clear(LocalCloud cloud, String table) {
        CompletableFuture.allOf(IntStream.range(0, SEGMENTS)
                .mapToObj(s -> CompletableFuture.runAsync(() -> clearSegment(cloud, table, s)))
                .toArray(CompletableFuture[]::new)).join();
    }

    public static long count(LocalCloud cloud, String table) {
        long n = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = cloud.dynamo().scan(r -> r.tableName(table).select("COUNT").exclusiveStartKey(from));
            n += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return n;
    }

    private static void clearSegment(LocalCloud cloud, String table, int segment) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = cloud.dynamo().scan(r -> r.tableName(table).segment(segment).totalSegments(SEGMENTS)
                    .projectionExpression("shopId").exclusiveStartKey(from));
            List<WriteRequest> deletes = new ArrayList<>();
            for (Map<String, AttributeValue> item : page.items()) {
                deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(item).build()).build());
                if (deletes.size() == 25) {
                    delete(cloud, table, deletes);
                    deletes = new ArrayList<>();
                }
            }
            if (!deletes.isEmpty()) {
                delete(cloud, table, deletes);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private static void delete(LocalCloud cloud, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> left = Map.of(table, batch);
        while (!left.isEmpty()) {
            Map<String, List<WriteRequest>> ask = left;
            BatchWriteItemResponse r = cloud.dynamo().batchWriteItem(b -> b.requestItems(ask));
            left = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
        }
    }
}
