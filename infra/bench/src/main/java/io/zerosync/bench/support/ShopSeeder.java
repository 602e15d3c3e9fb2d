package io.zerosync.bench.support;

import io.zerosync.aws.dynamodb.IndexShards;
import io.zerosync.aws.dynamodb.ShopItems;
import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.local.LocalCloud;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Puts shops straight into ShopsTable with BatchWriteItem, as items the command function would write
 * ({@link ShopItems}, the template's shard count) but already announced: no events, the views stay as they
 * are. Seeding is set-up, not a measurement, so it runs on a few threads.
 */
public final class ShopSeeder {
    private static final String TABLE = "ShopsTable";
    private static final int THREADS = 4;
    private static final Instant AT = Instant.parse("2026-11-24T00:00:00Z");

    private ShopSeeder() {
    }

    /** The ID of the {@code i}th seeded shop: the same in every run, so sizes can grow in one cloud. */
    public static String id(int i) {
        return String.format("bench%08d", i);
    }

    /** Seeds shops {@code from} (inclusive) to {@code to} (exclusive). */
    public static void seed(LocalCloud cloud, int from, int to) {
        IndexShards shards = new IndexShards(Integer.parseInt(
                cloud.environmentOf("CommandApiFunction").variables().get("ZEROSYNC_INDEX_SHARDS")));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int start = from; start < to; start += 25) {
                int first = start;
                int last = Math.min(to, start + 25);
                done.add(pool.submit(() -> write(cloud, batch(first, last, shards))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("seeding failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    public static Shop shop(int i) {
        return new Shop(id(i), 1, AT.plusMillis(i), new ShopDetails("Bench shop " + i, "bench", "1 Bench Road", null,
                1000, 100, true, List.of(new Menu("m1", "Dish", 500, false))));
    }

    private static List<WriteRequest> batch(int from, int to, IndexShards shards) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, AttributeValue> item = new HashMap<>(ShopItems.toItem(shop(i), Duration.ofDays(30), shards));
            item.remove(ShopItems.ANNOUNCE);
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        return batch;
    }

    private static void write(LocalCloud cloud, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> left = Map.of(TABLE, batch);
        while (!left.isEmpty()) {
            Map<String, List<WriteRequest>> ask = left;
            BatchWriteItemResponse r = cloud.dynamo().batchWriteItem(b -> b.requestItems(ask));
            left = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
        }
    }
}
