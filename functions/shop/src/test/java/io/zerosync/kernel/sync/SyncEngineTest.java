package io.zerosync.kernel.sync;

import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.views.ShopDetailProjection;
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
    private final SyncEngine engine = new SyncEngine(
            Clock.fixed(Instant.parse("2026-11-22T23:00:05Z"), ZoneOffset.UTC), (view, report) -> observed.add(report));
    private final View<Shop> view = new View<>(new ShopDetailProjection(), store, source);

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
        assertEquals(1, report.distinctIds());
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

        SyncReport report = engine.syncIds(view, ids, Gate.REBUILD);

        assertEquals(List.of(100, 100, 50), source.calls.stream().map(List::size).toList());
        assertEquals(250, report.written());
        assertEquals(250, store.rows.size());
    }

    @Test
    void deletedShopsLeaveAMarkerThatRefusesOlderStates() {
        source.put("s1", 1, "A");
        engine.syncIds(view, List.of("s1"), Gate.REBUILD);
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

        SyncReport report = engine.syncIds(view, List.of("ghost"), Gate.REBUILD);

        assertEquals(1, report.deleted());
        assertTrue(store.rows.isEmpty());
    }

    @Test
    void aShopThatCannotBeProjectedFailsAlone_permanently() {
        source.put("good", 1, "Good");
        source.put("bad", 1, "Bad");
        ShopDetailProjection real = new ShopDetailProjection();
        View<Shop> picky = new View<>(new Projection<Shop>() {
            @Override
            public String view() {
                return "picky";
            }

            @Override
            public int version() {
                return real.version();
            }

            @Override
            public Map<String, Object> project(Shop shop) {
                if (shop.id().equals("bad")) {
                    throw new IllegalStateException("cannot project");
                }
                return real.project(shop);
            }
        }, store, source);

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
        assertTrue(report.failures().stream().filter(f -> !f.id().equals("not valid!")).allMatch(SyncReport.Failure::retryable));
        assertFalse(report.failures().stream().filter(f -> f.id().equals("not valid!")).findFirst().orElseThrow().retryable());
        assertTrue(store.rows.isEmpty());
    }

    @Test
    void aSourceBehindTheAnnouncementIsRetriedLater() {
        source.put("s1", 2, "A");

        SyncReport report = engine.sync(view, List.of(new SyncRequest("m", "s1", 3)));

        assertTrue(report.failures().get(0).retryable());
        assertFalse(store.rows.containsKey("s1"));
    }

    // --- sync coverage ---

    @Test
    void failsRetryably_whenTheSourceNeitherReturnsNorReportsAnId() {
        source.put("s1", 1, "Answered");
        source.put("s2", 1, "Dropped");
        source.unanswered.add("s2"); // a truncated answer: s2 is neither in shops nor in missing

        SyncReport report = engine.sync(view, List.of(new SyncRequest("m1", "s1", 1), new SyncRequest("m2", "s2", 1),
                new SyncRequest("m3", "s2", 1)));

        assertEquals(List.of("m2", "m3"), report.failures().stream().map(SyncReport.Failure::ref).toList());
        assertTrue(report.failures().stream().allMatch(SyncReport.Failure::retryable));
        assertEquals("source did not answer for s2", report.failures().get(0).reason());
        assertTrue(store.rows.containsKey("s1"));
        assertFalse(store.rows.containsKey("s2"));
    }

    @Test
    void asksAgainForWhatTheSourceLeftUnprocessed_untilEveryShopIsAnswered() {
        List<SyncRequest> requests = IntStream.range(0, 100).mapToObj(i -> {
            source.put("s" + i, 1, "Large " + i);
            return new SyncRequest("m" + i, "s" + i, 1);
        }).toList();
        source.shopsPerAnswer = 30; // the source's byte budget fits 30 of these shops

        SyncReport report = engine.sync(view, requests);

        assertTrue(report.ok(), String.valueOf(report.failures()));
        assertEquals(100, store.rows.size());
        assertEquals(List.of(100, 70, 40, 10), source.calls.stream().map(List::size).toList(),
                "each follow-up asks only for what the previous answer left unprocessed");
    }

    @Test
    void failsRetryably_whenTheSourceKeepsAnIdUnprocessed_andWritesTheRest() {
        source.put("s1", 1, "Answered");
        source.put("s2", 1, "Never reached");
        source.neverProcessed.add("s2");

        SyncReport report = engine.sync(view, List.of(new SyncRequest("m1", "s1", 1), new SyncRequest("m2", "s2", 1)));

        assertEquals(List.of("m2"), report.failures().stream().map(SyncReport.Failure::ref).toList());
        assertTrue(report.failures().get(0).retryable());
        assertEquals("source left s2 unprocessed", report.failures().get(0).reason());
        assertEquals(2, source.calls.size(), "one follow-up that makes no progress, then it stops");
        assertTrue(store.rows.containsKey("s1"));
        assertFalse(store.rows.containsKey("s2"));
    }

    @Test
    void keepsWhatTheFirstAnswerBrought_whenAFollowUpFails() {
        source.put("s1", 1, "First");
        source.put("s2", 1, "Second");
        source.shopsPerAnswer = 1;
        FailingAfterFirstCall failing = new FailingAfterFirstCall(source);
        SyncEngine flaky = new SyncEngine(Clock.systemUTC(), (v, r) -> { });

        SyncReport report = flaky.sync(new View<>(view.projection(), store, failing), List.of(new SyncRequest("m1", "s1", 1), new SyncRequest("m2", "s2", 1)));

        assertTrue(store.rows.containsKey("s1"));
        assertEquals(List.of("m2"), report.failures().stream().map(SyncReport.Failure::ref).toList());
        assertTrue(report.failures().get(0).retryable());
    }

    /** Answers once, then is unavailable. */
    private static final class FailingAfterFirstCall implements io.zerosync.kernel.port.SourceReader<Shop> {
        private final FakeSource inner;
        private int calls;

        FailingAfterFirstCall(FakeSource inner) {
            this.inner = inner;
        }

        @Override
        public String entityType() {
            return inner.entityType();
        }

        @Override
        public Batch<Shop> batchGet(List<String> shopIds) {
            if (calls++ > 0) {
                throw new io.zerosync.kernel.port.SourceUnavailableException("503 from source");
            }
            return inner.batchGet(shopIds);
        }

        @Override
        public io.zerosync.kernel.port.ExportPage<Shop> export(io.zerosync.kernel.port.ExportQuery query) {
            return inner.export(query);
        }

        @Override
        public long approximateCount() {
            return inner.approximateCount();
        }
    }

    // --- projection versions and content hashes ---

    private View<Shop> at(int projectionVersion, InMemoryViewStore store) {
        ShopDetailProjection real = new ShopDetailProjection();
        return new View<>(new Projection<Shop>() {
            @Override
            public String view() {
                return real.view();
            }

            @Override
            public int version() {
                return projectionVersion;
            }

            @Override
            public Map<String, Object> project(Shop shop) {
                Map<String, Object> fields = new java.util.HashMap<>(real.project(shop));
                fields.put("projectedBy", projectionVersion);
                return fields;
            }
        }, store, source);
    }

    @Test
    void stampsRowsWithTheProjectionVersionAndTheHashOfTheirFields() {
        source.put("s1", 1, "A");

        engine.sync(view, List.of(new SyncRequest("m", "s1", 1)));

        ViewRow row = store.rows.get("s1");
        assertEquals(new ShopDetailProjection().version(), row.projectionVersion());
        assertEquals(ContentHash.of(row.fields()), row.contentHash());
    }

    @Test
    void eventSyncRewritesACurrentRow_whenAnOlderProjectionVersionWroteIt() {
        source.put("s1", 2, "A");
        engine.sync(at(1, store), List.of(new SyncRequest("m1", "s1", 2)));

        SyncReport report = engine.sync(at(2, store), List.of(new SyncRequest("m2", "s1", 2)));

        assertEquals(0, report.skipped());
        assertEquals(1, report.written());
        assertEquals(2, store.rows.get("s1").projectionVersion());
        assertEquals(2, ((Number) store.rows.get("s1").fields().get("projectedBy")).intValue());
    }

    @Test
    void eventSyncSkipsACurrentRow_evenWhenItsContentIsWrong() {
        source.put("s1", 2, "Right");
        engine.sync(view, List.of(new SyncRequest("m1", "s1", 2)));
        store.corrupt("s1", "name", "Wrong");
        source.calls.clear();

        SyncReport report = engine.sync(view, List.of(new SyncRequest("m2", "s1", 2)));

        assertEquals(1, report.skipped());
        assertTrue(source.calls.isEmpty(), "live sync stays strictly version-gated");
        assertEquals("Wrong", store.rows.get("s1").fields().get("name"));
    }

    @Test
    void rebuildRewritesARowCorruptedAtItsCurrentVersion() {
        source.put("s1", 2, "Right");
        engine.sync(view, List.of(new SyncRequest("m1", "s1", 2)));
        store.corrupt("s1", "name", "Wrong");

        SyncReport report = engine.syncIds(view, List.of("s1"), Gate.REBUILD);

        assertEquals(1, report.written());
        assertEquals("Right", store.rows.get("s1").fields().get("name"));
        assertEquals(2, store.rows.get("s1").version());
    }

    @Test
    void rebuildLeavesARowThatAlreadyHoldsTheSourceAlone() {
        source.put("s1", 2, "Right");
        engine.sync(view, List.of(new SyncRequest("m1", "s1", 2)));
        ViewRow before = store.rows.get("s1");

        SyncReport report = engine.syncIds(view, List.of("s1"), Gate.REBUILD);

        assertEquals(0, report.written());
        assertEquals(1, report.unchanged());
        assertTrue(before == store.rows.get("s1"), "not even rewritten with a new syncedAt");
    }

    @Test
    void rebuildNeverMovesARowBehind_norUndoesANewerProjectionVersion() {
        source.put("s1", 3, "Source");
        store.put(new ViewRow("s1", 5, Instant.EPOCH, Instant.EPOCH, Map.of("name", "Newer"), 1, "x"));
        store.put(new ViewRow("s2", 3, Instant.EPOCH, Instant.EPOCH, Map.of("name", "Rollout"), 9, "y"));
        source.put("s2", 3, "Source");

        SyncReport report = engine.syncIds(view, List.of("s1", "s2"), Gate.REBUILD);

        assertEquals(2, report.unchanged());
        assertEquals("Newer", store.rows.get("s1").fields().get("name"));
        assertEquals("Rollout", store.rows.get("s2").fields().get("name"));
    }

    @Test
    void restorePutsARowAheadOfTheSourceBackToIt() {
        source.put("s1", 3, "Source");
        store.put(new ViewRow("s1", 7, Instant.EPOCH, Instant.EPOCH, Map.of("name", "From before the restore")));

        SyncReport report = engine.syncIds(view, List.of("s1"), Gate.RESTORE);

        assertEquals(1, report.written());
        assertEquals(3, store.rows.get("s1").version());
        assertEquals("Source", store.rows.get("s1").fields().get("name"));
    }

    @Test
    void restoreMarksARowAheadOfItsShopsTombstoneDeleted_whichARebuildCannot() {
        source.put("s1", 3, "Deleted later");
        source.delete("s1");
        store.put(new ViewRow("s1", 8, Instant.EPOCH, Instant.EPOCH, Map.of("name", "From before the restore")));

        assertEquals(1, engine.syncIds(view, List.of("s1"), Gate.REBUILD).unchanged());
        assertTrue(store.rows.containsKey("s1"), "the rebuild's version gate refuses");

        SyncReport report = engine.syncIds(view, List.of("s1"), Gate.RESTORE);

        assertEquals(1, report.deleted());
        assertFalse(store.rows.containsKey("s1"));
        assertEquals(source.shops.get("s1").version(), store.states(List.of("s1")).get("s1").version());
    }

    @Test
    void replaceRefusesWhenTheRowChangedSinceItWasRead() {
        store.put(new ViewRow("s1", 7, Instant.EPOCH, Instant.EPOCH, Map.of("name", "Read at 7")));
        store.put(new ViewRow("s1", 8, Instant.EPOCH, Instant.EPOCH, Map.of("name", "Live write at 8")));

        assertFalse(store.replace(new ViewRow("s1", 3, Instant.EPOCH, Instant.EPOCH, Map.of("name", "Source")), 7));
        assertEquals("Live write at 8", store.rows.get("s1").fields().get("name"));
    }

    @Test
    void contentHashIgnoresKeyOrderNumberTypesAndNulls() {
        Map<String, Object> a = new java.util.LinkedHashMap<>();
        a.put("b", List.of(Map.of("price", 5000L, "name", "x")));
        a.put("a", 1);
        a.put("gone", null);
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("a", new java.math.BigDecimal("1.00"));
        b.put("b", List.of(Map.of("name", "x", "price", 5000)));

        assertEquals(ContentHash.of(a), ContentHash.of(b));
        assertFalse(ContentHash.of(a).equals(ContentHash.of(Map.of("a", 1, "b", List.of()))));
    }
}
