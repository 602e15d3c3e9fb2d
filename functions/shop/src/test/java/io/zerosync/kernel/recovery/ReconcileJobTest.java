package io.zerosync.kernel.recovery;

import io.zerosync.shop.domain.Shop;
import io.zerosync.kernel.port.ViewCatalog;
import io.zerosync.kernel.port.ViewQueues;
import io.zerosync.kernel.sync.FakeSource;
import io.zerosync.kernel.sync.InMemoryViewStore;
import io.zerosync.kernel.sync.SyncEngine;
import io.zerosync.kernel.sync.SyncListener;
import io.zerosync.kernel.sync.View;
import io.zerosync.kernel.sync.ViewRow;
import io.zerosync.shop.views.ShopDetailProjection;
import io.zerosync.events.EntityChanged;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reconcile as a job: per-page classification, checkpoints that never count twice, stored drift, repair, cancel. */
class ReconcileJobTest {
    private final FakeSource source = new FakeSource();
    private final InMemoryViewStore rows = new InMemoryViewStore();
    private final View<Shop> detail = new View<>(new ShopDetailProjection(), rows, source);
    private final ViewCatalog catalog = () -> List.of(detail);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryJobStore jobs = new InMemoryJobStore(Duration.ofMinutes(30));
    private final List<ReimportTask> queue = new ArrayList<>();
    private final SyncEngine engine = new SyncEngine(Clock.systemUTC(), SyncListener.NONE);
    private final ViewQueues noQueues = new ViewQueues() {
        @Override
        public void republish(String view, List<EntityChanged> events, String jobId) {
            throw new AssertionError("a reconcile job never republishes");
        }

        @Override
        public int redrive(String view) {
            return 0;
        }

        @Override
        public QueueStats stats(String view) {
            return new QueueStats(0, 0, 0, null);
        }
    };
    private final ReimportService service = new ReimportService(jobs, queue::addAll, catalog, clock);
    private final ReimportWorker worker = new ReimportWorker(jobs, queue::addAll, catalog, engine, noQueues, clock);

    /** 1,200 shops (three pages of the source), rebuilt into the view, then one planted case of every class. */
    private void seedAndPlantDrift() {
        IntStream.range(0, 1200).forEach(i -> source.put(String.format("s%04d", i), 1 + i % 3, "Shop " + i));
        service.start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);
        drain();
        rows.corrupt("s0002", "name", "Hand edited");                                     // divergent
        rows.rows.put("s0505", new ViewRow("s0505", 50, Instant.EPOCH, Instant.EPOCH, Map.of("name", "Old"))); // ahead
        rows.rows.remove("s0007");                                                      // missing
        rows.rows.remove("s1107");                                                      // missing (last page)
        source.put("s0808", 9, "Newer");                                                // stale
        rows.put(new ViewRow("ghost", 2, Instant.EPOCH, Instant.EPOCH, Map.of()));      // orphan (unknown)
        source.delete("s0009");                                                         // orphan (deleted)
    }

    private void drain() {
        for (int guard = 0; !queue.isEmpty(); guard++) {
            worker.process(queue.remove(0), () -> true);
            assertTrue(guard < 10_000, "runaway");
        }
    }

    private List<String> stored(String jobId, String driftClass) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            io.zerosync.kernel.port.JobStore.DriftPage page = service.drift(jobId, driftClass, cursor, 1);
            ids.addAll(page.ids());
            cursor = page.nextCursor();
        } while (cursor != null);
        ids.sort(null);
        return ids;
    }

    @Test
    void countsEveryPlantedClassExactly_andStoresTheDriftForPaging_whenAFullReconcileJobRuns() {
        seedAndPlantDrift();

        ReimportJob started = service.startReconcile("shop-detail", new ReimportScope.Full(), false);
        drain();

        ReimportJob done = jobs.get(started.jobId()).orElseThrow();
        assertEquals(JobState.SUCCEEDED, done.state());
        assertEquals("reconcile", done.mode().json());
        assertEquals(Map.of("missing", 2L, "stale", 1L, "orphan", 2L, "divergent", 1L, "ahead", 1L), done.drift());
        assertEquals(1200, done.processed(), "every source shop compared once");
        assertEquals(List.of("s0007", "s1107"), stored(done.jobId(), "missing"));
        assertEquals(List.of("s0808"), stored(done.jobId(), "stale"));
        assertEquals(List.of("ghost", "s0009"), stored(done.jobId(), "orphan"));
        assertEquals(List.of("s0002"), stored(done.jobId(), "divergent"));
        assertEquals(List.of("s0505"), stored(done.jobId(), "ahead"));
        assertEquals("Hand edited", rows.rows.get("s0002").fields().get("name"), "without repair nothing is written");
    }

    @Test
    void neverCountsAPageTwice_whenACheckpointFailsAndTheTaskIsRedelivered() {
        seedAndPlantDrift();
        ReimportJob started = service.startReconcile("shop-detail", new ReimportScope.Full(), false);
        ReimportTask first = queue.remove(0);
        // The first page is read and classified, but its checkpoint fails: nothing of it may count.
        jobs.failNextAdvance(new IllegalStateException("TransactionConflict"));
        assertThrows(IllegalStateException.class, () -> worker.process(first, () -> true));
        // One page, then the budget runs out: the continuation resumes from the checkpoint.
        worker.process(first, () -> false);
        worker.process(first, () -> true); // a redelivery of a message whose pages are already counted
        drain();

        ReimportJob done = jobs.get(started.jobId()).orElseThrow();
        assertEquals(1200, done.processed());
        assertEquals(Map.of("missing", 2L, "stale", 1L, "orphan", 2L, "divergent", 1L, "ahead", 1L), done.drift());
        assertEquals(List.of("s0007", "s1107"), stored(done.jobId(), "missing"));
    }

    @Test
    void repairsEveryClassAsItGoes_andASecondReconcileFindsNone_whenRepairIsAsked() {
        seedAndPlantDrift();

        ReimportJob repaired = service.startReconcile("shop-detail", new ReimportScope.Full(), true);
        drain();
        ReimportJob first = jobs.get(repaired.jobId()).orElseThrow();
        assertEquals(JobState.SUCCEEDED, first.state());
        assertEquals(7, first.driftTotal(), "the drift found before repair is reported");

        ReimportJob again = service.startReconcile("shop-detail", new ReimportScope.Full(), false);
        drain();
        assertEquals(0, jobs.get(again.jobId()).orElseThrow().driftTotal());
        assertTrue(new Reconciler(engine).reconcile(detail, new ReimportScope.Full()).none());
        assertEquals("Shop 2", rows.rows.get("s0002").fields().get("name"));
    }

    @Test
    void classifiesOnlyTheGivenIds_whenTheScopeIsAnIdList() {
        seedAndPlantDrift();

        ReimportJob started = service.startReconcile("shop-detail",
                new ReimportScope.Ids(List.of("s0007", "s0808", "s0001", "ghost", "nobody")), false);
        drain();

        ReimportJob done = jobs.get(started.jobId()).orElseThrow();
        assertEquals(Map.of("missing", 1L, "stale", 1L, "orphan", 1L, "divergent", 0L, "ahead", 0L), done.drift());
    }

    @Test
    void stopsAtTheNextPageAndFreesTheView_whenCancelled() {
        seedAndPlantDrift();
        ReimportJob started = service.startReconcile("shop-detail", new ReimportScope.Full(), false);
        worker.process(queue.remove(0), () -> false); // one page done, a continuation queued

        service.cancel(started.jobId());
        drain();

        ReimportJob cancelled = jobs.get(started.jobId()).orElseThrow();
        assertEquals(JobState.CANCELLED, cancelled.state());
        assertEquals(500, cancelled.processed(), "nothing compared after the cancel");
        service.startReconcile("shop-detail", new ReimportScope.Full(), false); // the view is free again
    }

    @Test
    void refusesAllViews_whenAReconcileJobIsAskedForAll() {
        assertThrows(io.zerosync.kernel.input.InvalidInputException.class,
                () -> service.startReconcile("all", new ReimportScope.Full(), false));
    }
}
