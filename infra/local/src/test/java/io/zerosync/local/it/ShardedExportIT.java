package io.zerosync.local.it;

import io.zerosync.aws.dynamodb.DynamoDbWriteStore;
import io.zerosync.aws.dynamodb.IndexKeyMigration;
import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import io.zerosync.local.LocalCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Window exports over the sharded ByUpdatedAt index on DynamoDB Local: every shard, every item once, late writes caught. */
class ShardedExportIT {
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static LocalCloud cloud;
    private static DynamoDbWriteStore store;

    @BeforeAll
    static void start() {
        cloud = TestClouds.quiet();
        store = new DynamoDbWriteStore(cloud.dynamo(), cloud.stack().resource("ShopsTable").name(),
                cloud.stack().resource("IdempotencyTable").name(), Duration.ofDays(30), Duration.ofHours(24), 32,
                SETTLE, Clock.systemUTC());
    }

    /**
     * Stores a shop as a command would, minus the announcement: cleared from the outbox at once, so the
     * sweeper the shared cloud runs does not announce it into other tests' queues later.
     */
    private static void insert(Shop shop) {
        store.insert(shop, null);
        store.markAnnounced(shop.id(), shop.version());
    }

    private static Shop shop(String tag, Instant updatedAt) {
        String id = "shp_" + tag + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new Shop(id, 1, updatedAt, new ShopDetails("Sharded " + tag, "sharded", "1 Main St", null, 1000, 0, true,
                List.of(new Menu("m1", "Rice", 500, false))));
    }

    /** Every shop of the window, following the cursor to its end. */
    private static List<String> exportAll(Instant from, Instant to, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            ExportPage<Shop> got = store.export(new ExportQuery(from, to, 0, 1, cursor, limit));
            assertTrue(got.entities().size() <= limit);
            got.entities().forEach(s -> ids.add(s.id()));
            cursor = got.nextCursor();
            if (cursor == null) {
                return ids;
            }
        }
        throw new AssertionError("the export did not end");
    }

    @Test
    void returnsEveryShopOfEveryShardAndDayExactlyOnce_whenPagedInSmallPages() {
        Instant base = Instant.now().minus(Duration.ofDays(1)).minusSeconds(3600);
        Set<String> written = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            // Spread over two UTC days (a day and an hour ago, up to 50 minutes later and the next day).
            Shop shop = shop("page" + i, base.plus(Duration.ofMinutes(i)).plus(Duration.ofDays(i % 2)));
            insert(shop);
            written.add(shop.id());
        }
        Instant from = base.minusSeconds(1);
        Instant to = base.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(51));

        for (int limit : new int[] {1, 7, 1000}) {
            List<String> ids = exportAll(from, to, limit).stream().filter(written::contains).toList();
            assertEquals(written.size(), ids.size(), "no shop twice, limit " + limit);
            assertEquals(written, new HashSet<>(ids), "every shop, limit " + limit);
        }
    }

    @Test
    void endsWithoutWaiting_whenTheWholeWindowHasSettled() {
        Shop old = shop("settled", Instant.now().minusSeconds(600));
        insert(old);

        ExportPage<Shop> page = store.export(new ExportQuery(old.updatedAt(), old.updatedAt().plusSeconds(1), 0, 1, null, 100));

        assertEquals(List.of(old.id()), page.entities().stream().map(Shop::id).toList());
        assertNull(page.nextCursor());
    }

    @Test
    void catchesAChangeThatLandsAfterTheExportStarted_whenItsUpdatedAtWasTakenBefore() {
        Shop settled = shop("early", Instant.now().minusSeconds(60));
        insert(settled);
        Instant from = Instant.now().minusSeconds(3600);
        Instant to = Instant.now().plusSeconds(60);
        Instant before = Instant.now();

        ExportPage<Shop> first = store.export(new ExportQuery(from, to, 0, 1, null, 1000));
        // A command took its updatedAt just before the export started, then its write was throttled and retried:
        // it lands only now, after the export read past that time once.
        Shop late = shop("late", before.minusSeconds(1));
        insert(late);
        List<String> ids = new ArrayList<>(first.entities().stream().map(Shop::id).toList());
        assertTrue(ids.contains(settled.id()), "the settled part comes at once");
        assertFalse(ids.contains(late.id()));
        assertNotNull(first.nextCursor(), "the window's unsettled tail is still to come");
        String cursor = first.nextCursor();
        while (cursor != null) {
            ExportPage<Shop> page = store.export(new ExportQuery(from, to, 0, 1, cursor, 1000));
            page.entities().forEach(s -> ids.add(s.id()));
            cursor = page.nextCursor();
        }

        assertEquals(1, ids.stream().filter(late.id()::equals).count(), "the late change, once");
        assertEquals(1, ids.stream().filter(settled.id()::equals).count(), "the settled change, once");
    }

    @Test
    void findsShopsWrittenBeforeSharding_onceTheKeyMigrationRan() {
        // An item as the unsharded write side stored it: ByUpdatedAt keyed by day, outbox mark "pending".
        // Younger than the outbox grace, so the scheduled sweeper leaves its mark alone during the test.
        Instant at = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String id = "shp_legacy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String table = cloud.stack().resource("ShopsTable").name();
        java.util.Map<String, AttributeValue> item = new java.util.HashMap<>(java.util.Map.of(
                "shopId", AttributeValue.fromS(id), "version", AttributeValue.fromN("1"),
                "updatedAt", AttributeValue.fromS(at.toString()), "updatedDay", AttributeValue.fromS(at.toString().substring(0, 10)),
                "announcePending", AttributeValue.fromS("pending"), "name", AttributeValue.fromS("Legacy"),
                "category", AttributeValue.fromS("sharded"), "address", AttributeValue.fromS("1 Old St"),
                "minOrderAmount", AttributeValue.fromN("0"), "deliveryFee", AttributeValue.fromN("0")));
        item.put("open", AttributeValue.fromBool(true));
        item.put("menus", AttributeValue.fromL(List.of()));
        cloud.dynamo().putItem(r -> r.tableName(table).item(item));
        assertFalse(exportAll(at, at.plusSeconds(1), 100).contains(id), "not in the sharded index before the migration");
        assertTrue(store.pendingAnnouncements(Instant.now(), null, 1000).pending().stream()
                .anyMatch(p -> p.id().equals(id)), "the sweeper still finds its old outbox mark");

        long rewritten = new IndexKeyMigration(cloud.dynamo(), table, 32).run(0, 1).rewritten();

        assertTrue(rewritten >= 1);
        assertEquals(List.of(id), exportAll(at, at.plusSeconds(1), 100).stream().filter(id::equals).toList());
        var migrated = cloud.dynamo().getItem(r -> r.tableName(table).key(java.util.Map.of("shopId", AttributeValue.fromS(id)))).item();
        assertTrue(migrated.get("announcePending").s().matches("pending#\\d{3}"), migrated.toString());
        assertFalse(migrated.containsKey("updatedDay"));
        assertEquals(0, new IndexKeyMigration(cloud.dynamo(), table, 32).run(0, 1).rewritten(), "a second run has nothing to do");
        store.markAnnounced(id, 1);
    }
}
