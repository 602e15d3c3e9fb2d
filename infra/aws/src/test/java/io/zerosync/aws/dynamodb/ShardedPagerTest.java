package io.zerosync.aws.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The multi-shard stream and its cursor, against in-memory partitions that page like DynamoDB. */
class ShardedPagerTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    /** units[u] holds sorted range values; a query answers up to limit after startKey, with a LastEvaluatedKey. */
    private static ShardedPager.UnitQuery partitions(List<List<String>> units) {
        return (unit, startKey, limit) -> {
            List<String> all = units.get(unit);
            int from = startKey == null ? 0 : all.indexOf(startKey.get("r").s()) + 1;
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (int i = from; i < all.size() && items.size() < limit; i++) {
                items.add(Map.of("r", AttributeValue.fromS(all.get(i))));
            }
            boolean more = from + items.size() < all.size() || items.size() == limit;
            QueryResponse.Builder response = QueryResponse.builder().items(items);
            if (more && !items.isEmpty()) {
                response.lastEvaluatedKey(items.get(items.size() - 1));
            }
            return response.build();
        };
    }

    private static List<List<String>> units(int count, int... sizes) {
        List<List<String>> units = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < sizes[u % sizes.length]; i++) {
                values.add(String.format("u%03d-%04d", u, i));
            }
            units.add(values);
        }
        return units;
    }

    private static List<String> readAll(ShardedPager pager, List<List<String>> units, int limit, int maxUnits) {
        List<String> seen = new ArrayList<>();
        ShardedPager.Position position = null;
        for (int page = 0; page < 10_000; page++) {
            ShardedPager.Page got = pager.read(units.size(), position, limit, maxUnits, partitions(units),
                    (unit, item) -> item);
            assertTrue(got.items().size() <= limit, "a page never exceeds its limit");
            got.items().forEach(item -> seen.add(item.get("r").s()));
            if (got.next() == null) {
                return seen;
            }
            // The position survives the signed cursor's round trip (what the HTTP caller hands back).
            ExportCursor cursor = ExportCursor.decode(new ExportCursor("t", Integer.toString(got.next().unit()),
                    got.next().lastKey()).encode(), "t");
            position = new ShardedPager.Position(Integer.parseInt(cursor.position()), cursor.lastKey());
        }
        throw new AssertionError("paging did not end");
    }

    @Test
    void returnsEveryItemOfEveryShardExactlyOnce_whateverThePageSize() {
        List<List<String>> units = units(32, 0, 3, 1, 7, 0, 0, 12, 2);
        List<String> expected = units.stream().flatMap(List::stream).toList();
        for (int limit : new int[] {1, 2, 3, 5, 7, 32, 100, 1000}) {
            for (int parallelism : new int[] {1, 3, 8}) {
                List<String> seen = readAll(new ShardedPager(POOL, parallelism), units, limit, 512);
                assertEquals(expected, seen, "limit " + limit + ", parallelism " + parallelism);
            }
        }
    }

    @Test
    void answersAShortPageWithACursor_whenASparseReadHitsItsUnitBudget() {
        List<List<String>> units = units(100, 0);
        units.get(99).add("last");
        ShardedPager pager = new ShardedPager(POOL, 8);

        ShardedPager.Page first = pager.read(units.size(), null, 10, 40, partitions(units), (unit, item) -> item);

        assertTrue(first.items().isEmpty());
        assertEquals(40, first.next().unit());
        assertNull(first.next().lastKey());
        assertEquals(List.of("last"), readAll(pager, units, 10, 40));
    }

    @Test
    void endsWithoutACursor_whenTheLastShardIsRead() {
        List<List<String>> units = units(4, 2);
        ShardedPager.Page page = new ShardedPager(POOL, 4).read(4, null, 100, 512, partitions(units),
                (unit, item) -> item);
        assertEquals(8, page.items().size());
        assertNull(page.next());
    }
}
