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
import io.zerosync.shop.views.ShopListProjection;
import io.zerosync.events.EntityChanged;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-import jobs, workers and reconcile over in-memory ports with the real engine and projections. */
class RecoveryTest {
    private final FakeSource source = new FakeSource();
    private final InMemoryViewStore detailRows = new InMemoryViewStore();
    private final InMemoryViewStore listRows = new InMemoryViewStore();
    private final View<Shop> detail = new View<>(new ShopDetailProjection(), detailRows, source);
    private final View<Shop> list = new View<>(new ShopListProjection(), listRows, source);
    private final ViewCatalog catalog = () -> List.of(detail, list);
    private static final Duration LEASE = Duration.ofMinutes(15);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final InMemoryJobStore jobs = new InMemoryJobStore(LEASE);
    private final List<ReimportTask> queue = new ArrayList<>();
    private final List<EntityChanged> republished = new ArrayList<>();
    private final SyncEngine engine = new SyncEngine(Clock.systemUTC(), SyncListener.NONE);
    private final ViewQueues queues = new ViewQueues() {
        @Override
        public void republish(String view, List<EntityChanged> events, String jobId) {
            assertEquals("shop-list", view);
            republished.addAll(events);
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
    private final ReimportWorker worker = new ReimportWorker(jobs, queue::addAll, catalog, engine, queues,
            clock);
    private final JobWatchdog watchdog = new JobWatchdog(jobs, clock);

    private void seed(int n) {
        IntStream.range(0, n).forEach(i -> source.put(String.format("s%04d", i), 1 + i % 3, "Shop " + i));
    }

    private void drain() {
        int guard = 0;
        while (!queue.isEmpty()) {
            ReimportTask task = queue.remove(0);
            worker.process(task, () -> true);
            if (++guard > 10_000) {
                throw new IllegalStateException("runaway");
            }
        }
    }

    @Test
    void fullRebuildMakesTheViewEqualToTheSource_deletingOrphansAndFixingStaleRows() {
        seed(1200);
        detailRows.put(new ViewRow("orphan-1", 4, Instant.EPOCH, Instant.EPOCH, Map.of()));
        detailRows.put(new ViewRow("s0001", 0 + 1, Instant.EPOCH, Instant.EPOCH, Map.of("name", "stale")));
        source.put("s0001", 7, "Fresh");

        ReimportJob job = service.start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);
        drain();

        ReimportJob done = jobs.get(job.jobId()).orElseThrow();
        assertEquals(JobState.SUCCEEDED, done.state());
        assertTrue(new Reconciler(engine).reconcile(detail, new ReimportScope.Full()).none());
        assertEquals("Fresh", detailRows.rows.get("s0001").fields().get("name"));
        assertTrue(listRows.rows.isEmpty(), "the other view is untouched");
    }

    @Test
    void reconcileFindsPlantedDriftExactly() {
        seed(50);
        service.start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);
        drain();
        detailRows.rows.remove("s0003");                                   // missing
        source.put("s0004", 9, "Newer");                                    // stale
        detailRows.put(new ViewRow("ghost", 2, Instant.EPOCH, Instant.EPOCH, Map.of())); // orphan

        Drift drift = new Reconciler(engine).reconcile(detail, new ReimportScope.Full());

        assertEquals(List.of("s0003"), drift.missing());
        assertEquals(List.of("s0004"), drift.stale());
        assertEquals(List.of("ghost"), drift.orphan());
        Drift byIds = new Reconciler(engine).reconcile(detail, new ReimportScope.Ids(List.of("s0003", "s0004", "s0005")));
        assertEquals(List.of("s0003"), byIds.missing());
        assertEquals(List.of("s0004"), byIds.stale());
    }

    @Test
    void reconcileReportsDivergentAndAheadRows_andRepairHealsEveryClass() {
        seed(40);
        service.start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);
        drain();
        detailRows.corrupt("s0002", "name", "Hand edited");                   // divergent
        detailRows.rows.put("s0005", new ViewRow("s0005", 50, Instant.EPOCH, Instant.EPOCH,
                Map.of("name", "From before a restore")));                     // ahead
        detailRows.rows.remove("s0007");                                      // missing
        source.put("s0008", 9, "Newer");                                      // stale
        detailRows.put(new ViewRow("ghost", 2, Instant.EPOCH, Instant.EPOCH, Map.of())); // orphan
        source.delete("s0009");                                               // orphan (deleted in the source)
        source.put("s0010", 1, "Shop 10");
        source.delete("s0010");                                               // ahead of its tombstone
        detailRows.rows.put("s0010", new ViewRow("s0010", 20, Instant.EPOCH, Instant.EPOCH, Map.of("name", "Restored")));
        Reconciler reconciler = new Reconciler(engine);

        Drift drift = reconciler.reconcile(detail, new ReimportScope.Full());

        assertEquals(List.of("s0002"), drift.divergent());
        assertEquals(List.of("s0005", "s0010"), drift.ahead());
        assertEquals(List.of("s0007"), drift.missing());
        assertEquals(List.of("s0008"), drift.stale());
        assertEquals(List.of("ghost", "s0009"), drift.orphan());
        assertEquals(drift.divergent(), reconciler.reconcile(detail,
                new ReimportScope.Ids(List.of("s0001", "s0002", "s0003"))).divergent());

        reconciler.restoreAhead(detail, drift.ahead());
        service.start("shop-detail", new ReimportScope.Ids(drift.rebuildable()), ReimportMode.REBUILD);
        drain();

        assertTrue(reconciler.reconcile(detail, new ReimportScope.Full()).none());
        assertEquals("Shop 2", detailRows.rows.get("s0002").fields().get("name"));
        assertEquals(source.shops.get("s0005").version(), detailRows.rows.get("s0005").version());
        assertTrue(!detailRows.rows.containsKey("s0010"), "marked deleted at its tombstone's version");
    }

    @Test
    void aProjectionVersionBumpMakesEveryRowDivergent_untilAFullRebuild() {
        seed(30);
        service.start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);
        drain();
        ShopDetailProjection current = new ShopDetailProjection();
        View<Shop> bumped = new View<>(new io.zerosync.kernel.sync.Projection<Shop>() {
            @Override
            public String view() {
                return current.view();
            }

            @Override
            public int version() {
                return current.version() + 1;
            }

            @Override
            public Map<String, Object> project(io.zerosync.shop.domain.Shop shop) {
                return current.project(shop);
            }
        }, detailRows, source);
        ViewCatalog afterDeploy = () -> List.of(bumped, list);
        ReimportWorker deployed = new ReimportWorker(jobs, queue::addAll, afterDeploy, engine, queues,
                Clock.systemUTC());
        Reconciler reconciler = new Reconciler(engine);

        assertEquals(30, reconciler.reconcile(bumped, new ReimportScope.Full()).divergent().size());

        new ReimportService(jobs, queue::addAll, afterDeploy, Clock.systemUTC())
                .start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);
        while (!queue.isEmpty()) {
            deployed.process(queue.remove(0), () -> true);
        }

        assertTrue(reconciler.reconcile(bumped, new ReimportScope.Full()).none());
        assertTrue(detailRows.rows.values().stream().allMatch(r -> r.projectionVersion() == bumped.projection().version()));
    }

    @Test
    void republishSendsEventsForTheChosenViewOnly_withTheSourceVersions() {
        seed(30);

        service.start("shop-list", new ReimportScope.Ids(List.of("s0001", "s0002")), ReimportMode.REPUBLISH);
        drain();

        assertEquals(List.of("s0001", "s0002"), republished.stream().map(EntityChanged::id).sorted().toList());
        assertEquals(source.shops.get("s0002").version(), republished.stream()
                .filter(e -> e.id().equals("s0002")).findFirst().orElseThrow().version());
        assertTrue(detailRows.rows.isEmpty() && listRows.rows.isEmpty(), "republish writes nothing itself");
    }

    @Test
    void aSecondJobOnABusyViewIsRefused_untilTheFirstEnds() {
        seed(5);
        ReimportJob first = service.start("shop-list", new ReimportScope.Full(), ReimportMode.REBUILD);

        assertThrows(JobAlreadyRunningException.class,
                () -> service.start("all", new ReimportScope.Full(), ReimportMode.REBUILD));
        service.start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);

        service.cancel(first.jobId());
        assertEquals(JobState.CANCELLED, jobs.get(first.jobId()).orElseThrow().state());
        service.start("shop-list", new ReimportScope.Full(), ReimportMode.REBUILD);
    }

    @Test
    void aRedeliveredTaskResumesFromItsCheckpoint_andNeverCountsAPageTwice() {
        seed(1300);
        ReimportJob job = service.start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);
        ReimportTask segment = queue.stream().filter(t -> t.kind() == ReimportTask.Kind.SEGMENT).findFirst().orElseThrow();
        AtomicInteger pages = new AtomicInteger();

        // The first delivery runs out of time after one page and sends a continuation...
        assertEquals(ReimportWorker.Outcome.CONTINUED, worker.process(segment, () -> pages.incrementAndGet() < 1));
        long afterOnePage = jobs.get(job.jobId()).orElseThrow().processed();
        assertEquals(ReimportWorker.EXPORT_PAGE, afterOnePage);
        // ...and the original message is redelivered as well (the worker "died" before deleting it).
        queue.add(segment);
        drain();

        ReimportJob done = jobs.get(job.jobId()).orElseThrow();
        assertEquals(JobState.SUCCEEDED, done.state());
        assertEquals(1300, done.processed(), "every shop counted exactly once");
        assertEquals(1300, detailRows.rows.size());
    }

    @Test
    void cancellingStopsWorkersAtTheirNextPage() {
        seed(1500);
        ReimportJob job = service.start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);
        ReimportTask segment = queue.remove(0);
        worker.process(segment, () -> false); // one page, then a continuation
        service.cancel(job.jobId());

        drain();

        ReimportJob cancelled = jobs.get(job.jobId()).orElseThrow();
        assertEquals(JobState.CANCELLED, cancelled.state());
        assertEquals(ReimportWorker.EXPORT_PAGE, cancelled.processed());
    }


    @Test
    void aWindowReimportAlsoAppliesTheTombstonesInItsWindow() {
        seed(20);
        service.start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);
        drain();
        source.delete("s0005"); // the delete's announcement was lost; the tombstone keeps its updatedAt
        Instant changed = source.shops.get("s0005").updatedAt();

        service.start("shop-detail", new ReimportScope.Updated(changed.minusMillis(1), changed.plusMillis(1)),
                ReimportMode.REBUILD);
        drain();

        assertTrue(!detailRows.rows.containsKey("s0005"), "the deleted shop's row is gone");
        assertEquals(19, detailRows.rows.size());
    }

    @Test
    void retriesAPageWhoseCheckpointWriteFailed_countingEveryShopOnce() {
        seed(1200);
        ReimportJob job = service.start("shop-detail", new ReimportScope.Ids(List.copyOf(source.shops.keySet())),
                ReimportMode.REBUILD);
        ReimportTask task = queue.remove(0);
        jobs.failNextAdvance(new IllegalStateException("TransactionCanceledException: [None, TransactionConflict]"));

        assertThrows(IllegalStateException.class, () -> worker.process(task, () -> true),
                "the failure reaches the handler, which reports the message for redelivery");
        assertEquals(0, jobs.get(job.jobId()).orElseThrow().processed());
        queue.add(task); // SQS redelivers it
        drain();

        ReimportJob done = jobs.get(job.jobId()).orElseThrow();
        assertEquals(JobState.SUCCEEDED, done.state());
        assertEquals(1200, done.processed(), "every ID counted once, the retried page too");
    }

    @Test
    void keepsTheFirstHundredFailedIds_whileCountingEveryFailure() {
        seed(1500);
        source.unavailable = true;
        ReimportJob job = service.start("shop-detail", new ReimportScope.Ids(List.copyOf(source.shops.keySet())),
                ReimportMode.REBUILD);
        drain();

        ReimportJob done = jobs.get(job.jobId()).orElseThrow();
        assertEquals(JobState.FAILED, done.state());
        assertEquals(1500, done.failed());
        assertEquals(ReimportJob.FAILED_IDS_CAP, done.failedIds().size());
        assertFalse(jobs.leases().stream().anyMatch(l -> l.jobId().equals(job.jobId())), "the view is free");
    }

    @Test
    void failsAJobWhoseWorkersStoppedRenewingItsLease_andFreesItsView() {
        seed(1200);
        ReimportJob job = service.start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);
        worker.process(queue.remove(0), () -> false); // one page, then the continuation is lost
        queue.clear();
        clock.advance(LEASE.minusSeconds(1));
        assertEquals(0, watchdog.expireLapsedLeases(), "the lease runs from the last heartbeat");

        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, watchdog.expireLapsedLeases());

        ReimportJob failed = jobs.get(job.jobId()).orElseThrow();
        assertEquals(JobState.FAILED, failed.state());
        assertEquals("lease expired: no worker progress since 2026-11-24T10:00:00Z", failed.reason());
        service.start("shop-detail", new ReimportScope.Full(), ReimportMode.REBUILD);
    }

    @Test
    void aNewJobTakesOverAViewWhoseLeaseLapsed_failingTheOldJob() {
        seed(10);
        ReimportJob stuck = service.start("shop-list", new ReimportScope.Full(), ReimportMode.REBUILD);
        queue.clear(); // its task messages were lost
        clock.advance(Duration.ofMinutes(10));
        assertThrows(JobAlreadyRunningException.class,
                () -> service.start("all", new ReimportScope.Full(), ReimportMode.REBUILD), "the lease is live");

        clock.advance(Duration.ofMinutes(6));
        ReimportJob next = service.start("all", new ReimportScope.Full(), ReimportMode.REBUILD);
        drain();

        assertEquals(JobState.FAILED, jobs.get(stuck.jobId()).orElseThrow().state());
        assertTrue(jobs.get(stuck.jobId()).orElseThrow().reason().startsWith("lease expired"));
        assertEquals(JobState.SUCCEEDED, jobs.get(next.jobId()).orElseThrow().state());
    }

    @Test
    void aTaskThatExhaustedItsRetriesFailsItsJob_andFreesTheView() {
        seed(10);
        ReimportJob job = service.start("shop-list", new ReimportScope.Full(), ReimportMode.REBUILD);
        ReimportTask dead = queue.remove(0);
        jobs.failNextAdvance(new IllegalStateException("ValidationError"));
        assertThrows(IllegalStateException.class, () -> worker.process(dead, () -> true));

        watchdog.failExhaustedTask(dead);
        drain(); // the job's other tasks stop at once

        ReimportJob failed = jobs.get(job.jobId()).orElseThrow();
        assertEquals(JobState.FAILED, failed.state());
        assertEquals("task " + dead.taskId() + " exhausted its retries (moved to ReimportTaskDlq); last error: "
                + dead.taskId() + ": java.lang.IllegalStateException: ValidationError", failed.reason());
        service.start("shop-list", new ReimportScope.Full(), ReimportMode.REBUILD);
    }

    /** Time the tests move by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
