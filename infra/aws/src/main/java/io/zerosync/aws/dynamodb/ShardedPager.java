package io.zerosync.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Pages through a fixed sequence of index partitions ("units": a shard, or a day's shard) as one stream.
 * Units are read in parallel, a batch at a time, but their items are taken in unit order, so the stream's
 * position is a single (unit, last key in it): units before it are done, units after it not started. That
 * keeps the cursor small for any shard count and returns every item exactly once however pages are cut.
 */
final class ShardedPager {
    /** One query of one unit: at most {@code limit} items after {@code startKey} (null: from the start). */
    interface UnitQuery {
        QueryResponse query(int unit, Map<String, AttributeValue> startKey, int limit);
    }

    /** The index key of an item read from {@code unit} (what DynamoDB would hand back as LastEvaluatedKey). */
    interface KeyOf {
        Map<String, AttributeValue> key(int unit, Map<String, AttributeValue> item);
    }

    record Position(int unit, Map<String, AttributeValue> lastKey) {
    }

    record Page(List<Map<String, AttributeValue>> items, Position next) {
    }

    private final ExecutorService pool;
    private final int parallelism;

    ShardedPager(ExecutorService pool, int parallelism) {
        this.pool = pool;
        this.parallelism = parallelism;
    }

    /**
     * Up to {@code limit} items from {@code from} on ({@code null}: the start), visiting at most
     * {@code maxUnits} units so that a sparse, long read answers in bounded time (a page may then be short,
     * even empty, and still have a next position).
     */
    Page read(int units, Position from, int limit, int maxUnits, UnitQuery query, KeyOf keyOf) {
        int unit = from == null ? 0 : from.unit();
        Map<String, AttributeValue> startKey = from == null ? null : from.lastKey();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int visited = 0;
        while (unit < units && items.size() < limit && visited < maxUnits) {
            int batch = Math.min(parallelism, Math.min(units - unit, maxUnits - visited));
            int remaining = limit - items.size();
            List<Future<QueryResponse>> answers = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                int u = unit + i;
                Map<String, AttributeValue> start = i == 0 ? startKey : null;
                answers.add(pool.submit(() -> query.query(u, start, remaining)));
            }
            for (int i = 0; i < batch; i++) {
                int u = unit + i;
                QueryResponse response = await(answers.get(i));
                List<Map<String, AttributeValue>> got = response.items();
                int room = limit - items.size();
                if (got.size() > room) {
                    items.addAll(got.subList(0, room));
                    cancel(answers, i + 1);
                    return new Page(items, new Position(u, keyOf.key(u, got.get(room - 1))));
                }
                items.addAll(got);
                if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                    cancel(answers, i + 1);
                    return new Page(items, new Position(u, response.lastEvaluatedKey()));
                }
                if (items.size() >= limit) {
                    cancel(answers, i + 1);
                    return new Page(items, u + 1 < units ? new Position(u + 1, null) : null);
                }
            }
            unit += batch;
            startKey = null;
            visited += batch;
        }
        return new Page(items, unit < units ? new Position(unit, startKey) : null);
    }

    private static void cancel(List<Future<QueryResponse>> answers, int from) {
        for (int i = from; i < answers.size(); i++) {
            answers.get(i).cancel(false);
        }
    }

    private static QueryResponse await(Future<QueryResponse> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading index shards", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
