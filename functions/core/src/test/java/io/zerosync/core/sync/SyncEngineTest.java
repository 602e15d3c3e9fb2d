package io.zerosync.core.sync;

import io.zerosync.core.domain.Shop;
import io.zerosync.core.views.ShopDetailProjection;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncEngineTest {
    private final FakeSource source = new FakeSource();
    private final InMemoryViewStore store = new InMemoryViewStore();
    private final List<SyncReport> observed = new ArrayList<>();
    private final SyncEngine engine = new SyncEngine(source,
            Clock.fixed(Instant.parse("2026-11-22T23:00:05Z"), ZoneOffset.UTC), (view, report) -> observed.add(report));
    private final View view = new View(new ShopDetailProjection(), store);

    @Test
    void writesTheCurrentTruth_withVersionChangedAtAndSyncedAt() {
        Shop shop = source.put("s1", 3, "Kimchi House");

        SyncReport report = engine.sync(view, List.of(new SyncRequest("m1", "s1", 3)));

        assertTrue(report.ok());
        ViewRow row = store.rows.get("s1");
        assertEquals(3, row.version());
        assertEquals(shop.updatedAt(), row.changedAt());
        assertEquals(Instant.parse("2026-11-22T23:00:05Z"), row.syncedAt());
        assertEquals("Kimchi House", row.fields().get("name"));
        assertEquals(1, observed.size(), "every sync is observed (lag metrics)");
    }

    @Test
    void aBurstForOneShopCostsOneFetch() {
        source.put("s1", 20, "Burst");
        List<SyncRequest> burst = IntStream.rangeClosed(1, 20)
                .mapToObj(v -> new SyncRequest("m" + v, "s1", v)).toList();

        SyncReport report = engine.sync(view, burst);

        assertEquals(1, source.calls.size());
        assertEquals(List.of("s1"), source.calls.get(0));
        assertEquals(20, report.requested());
        assertEquals(1, report.distinctShops());
        assertEquals(20, store.rows.get("s1").version());
    }

    @Test
    void skipsShopsWhoseRowIsAlreadyAtTheAnnouncedVersion() {
        source.put("s1", 2, "A");
        engine.sync(view, List.of(new SyncRequest("m1", "s1", 2)));
        source.calls.clear();

        SyncReport replay = engine.sync(view, List.of(new SyncRequest("m2", "s1", 1), new SyncRequest("m3", "s1", 2)));

        assertEquals(1, replay.skipped());
        assertTrue(source.calls.isEmpty(), "an old or duplicate announcement costs no fetch");
    }

    @Test
    void neverMovesARowBackwards() {
        source.put("s1", 5, "New");
        engine.sync(view, List.of(SyncRequest.of("s1")));
        source.put("s1", 4, "Old"); // a stale source answer, as a slow replica might give

        SyncReport report = engine.sync(view, List.of(SyncRequest.of("s1")));

        assertEquals(1, report.unchanged());
        assertEquals("New", store.rows.get("s1").fields().get("name"));
    }

    @Test
    void fetchesInBatchesOfAtMostOneHundred() {
        List<String> ids = IntStream.range(0, 250).mapToObj(i -> "s" + i).toList();
        ids.forEach(id -> source.put(id, 1, id));

        SyncReport report = engine.syncIds(view, ids);

        assertEquals(List.of(100, 100, 50), source.calls.stream().map(List::size).toList());
        assertEquals(250, report.written());
        assertEquals(250, store.rows.size());
    }

    @Test
    void deletedShopsLeaveAMarkerThatRefusesOlderStates() {
        source.put("s1", 1, "A");
        engine.syncIds(view, List.of("s1"));
        source.delete("s1");

        SyncReport report = engine.sync(view, List.of(new SyncRequest("m", "s1", 2)));
        assertEquals(1, report.deleted());
        assertFalse(store.rows.containsKey("s1"));

        // A late, older announcement whose fetch raced the delete must not resurrect the row.
        assertFalse(store.put(new ViewRow("s1", 1, Instant.EPOCH, Instant.EPOCH, Map.of())));
    }

    @Test
    void unknownShopsAreRemovedFromTheView() {
        store.put(new ViewRow("ghost", 3, Instant.EPOCH, Instant.EPOCH, Map.of()));

        SyncReport report = engine.syncIds(view, List.of("ghost"));

        assertEquals(1, report.deleted());
        assertTrue(store.rows.isEmpty());
    }

    @Test
    void aShopThatCannotBeProjectedFailsAlone_permanently() {
        source.put("good", 1, "Good");
        source.put("bad", 1, "Bad");
        ShopDetailProjection real = new ShopDetailProjection();
        View picky = new View(new Projection() {
            @Override
            public String view() {
                return "picky";
            }

            @Override
            public Map<String, Object> project(Shop shop) {
                if (shop.shopId().equals("bad")) {
                    throw new IllegalStateException("cannot project");
                }
                return real.project(shop);
            }
        }, store);

        SyncReport report = engine.sync(picky, List.of(new SyncRequest("m1", "good", 1), new SyncRequest("m2", "bad", 1)));

        assertEquals(1, report.failures().size());
        assertEquals("m2", report.failures().get(0).ref());
        assertFalse(report.failures().get(0).retryable());
        assertTrue(store.rows.containsKey("good"));
    }

    @Test
    void anUnavailableSourceFailsEveryReferenceRetryably_andWritesNothing() {
        source.put("s1", 1, "A");
        source.unavailable = true;

        SyncReport report = engine.sync(view, List.of(new SyncRequest("m1", "s1", 1), new SyncRequest("m2", "s1", 1),
                new SyncRequest("m3", "not valid!", 1)));

        assertEquals(3, report.failures().size());
        assertTrue(report.failures().stream().filter(f -> !f.shopId().equals("not valid!")).allMatch(SyncReport.Failure::retryable));
        assertFalse(report.failures().stream().filter(f -> f.shopId().equals("not valid!")).findFirst().orElseThrow().retryable());
        assertTrue(store.rows.isEmpty());
    }

    @Test
    void aSourceBehindTheAnnouncementIsRetriedLater() {
        source.put("s1", 2, "A");

        SyncReport report = engine.sync(view, List.of(new SyncRequest("m", "s1", 3)));

        assertTrue(report.failures().get(0).retryable());
        assertFalse(store.rows.containsKey("s1"));
    }
}
