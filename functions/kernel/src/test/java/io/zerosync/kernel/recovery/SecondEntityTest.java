package io.zerosync.kernel.recovery;

import io.zerosync.events.EntityChanged;
import io.zerosync.kernel.entity.Entity;
import io.zerosync.kernel.port.ViewCatalog;
import io.zerosync.kernel.port.ViewQueues;
import io.zerosync.kernel.sync.Gate;
import io.zerosync.kernel.sync.InMemoryViewStore;
import io.zerosync.kernel.sync.MapSource;
import io.zerosync.kernel.sync.Projection;
import io.zerosync.kernel.sync.SyncEngine;
import io.zerosync.kernel.sync.SyncListener;
import io.zerosync.kernel.sync.SyncReport;
import io.zerosync.kernel.sync.SyncRequest;
import io.zerosync.kernel.sync.View;
import io.zerosync.kernel.sync.ViewRow;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel with an entity type of its own tests' making (a parcel), next to a second view of another type:
 * sync, a rebuild, a republish and a reconcile, each view reading only its own source.
 */
class SecondEntityTest {
    record Parcel(String id, long version, Instant updatedAt, boolean deleted, int grams) implements Entity {
    }

    record Tag(String id, long version, Instant updatedAt, boolean deleted, String label) implements Entity {
    }

    static final class ParcelWeights implements Projection<Parcel> {
        @Override
        public String view() {
            return "parcel-weights";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public Map<String, Object> project(Parcel parcel) {
            return Map.of("grams", parcel.grams());
        }
    }

    static final class TagLabels implements Projection<Tag> {
        @Override
        public String view() {
            return "tag-labels";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public Map<String, Object> project(Tag tag) {
            return Map.of("label", tag.label());
        }
    }

    private static final Instant T = Instant.parse("2026-12-06T00:00:00Z");
    private final MapSource<Parcel> parcels = new MapSource<>("Parcel");
    private final MapSource<Tag> tags = new MapSource<>("Tag");
    private final InMemoryViewStore weightRows = new InMemoryViewStore();
    private final InMemoryViewStore labelRows = new InMemoryViewStore();
    private final View<Parcel> weights = new View<>(new ParcelWeights(), weightRows, parcels);
    private final View<Tag> labels = new View<>(new TagLabels(), labelRows, tags);
    private final ViewCatalog catalog = () -> List.of(weights, labels);
    private final SyncEngine engine = new SyncEngine(Clock.systemUTC(), SyncListener.NONE);
    private final InMemoryJobStore jobs = new InMemoryJobStore(java.time.Duration.ofMinutes(15));
    private final List<ReimportTask> queue = new ArrayList<>();
    private final List<EntityChanged> republished = new ArrayList<>();
    private final ViewQueues queues = new ViewQueues() {
        @Override
        public void republish(String view, List<EntityChanged> events, String jobId) {
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
    private final ReimportService service = new ReimportService(jobs, queue::addAll, catalog, Clock.systemUTC());
    private final ReimportWorker worker = new ReimportWorker(jobs, queue::addAll, catalog, engine, queues,
            Clock.systemUTC());

    private void drain() {
        while (!queue.isEmpty()) {
            worker.process(queue.remove(0), () -> true);
        }
    }

    @Test
    void syncsEachViewFromItsOwnSource_andMarksATombstoneDeleted() {
        parcels.put(new Parcel("p1", 2, T, false, 750));
        parcels.put(new Parcel("p2", 3, T, true, 0));
        tags.put(new Tag("p1", 1, T, false, "fragile")); // same ID, other entity type, other view

        SyncReport report = engine.sync(weights, List.of(new SyncRequest("m1", "p1", 2), new SyncRequest("m2", "p2", 3)));

        assertTrue(report.ok(), report.failures().toString());
        assertEquals(750, weightRows.rows.get("p1").fields().get("grams"));
        assertTrue(weightRows.states(List.of("p2")).get("p2").deleted(), "the tombstone's version is kept as a marker");
        assertTrue(labelRows.rows.isEmpty(), "the other view read nothing");
        engine.syncIds(labels, List.of("p1"), Gate.EVENT);
        assertEquals("fragile", labelRows.rows.get("p1").fields().get("label"));
    }

    @Test
    void aFullRebuildAndAReconcileWorkOnTheSecondType() {
        for (int i = 0; i < 50; i++) {
            parcels.put(new Parcel(String.format("p%03d", i), 1, T, false, i));
        }
        weightRows.put(new ViewRow("p007", 1, T, T, Map.of("grams", 999_999))); // divergent
        weightRows.put(new ViewRow("ghost", 1, T, T, Map.of("grams", 1)));       // orphan

        Drift before = new Reconciler(engine).reconcile(weights, new ReimportScope.Full());
        assertFalse(before.none());
        assertTrue(before.of("orphan").contains("ghost"), before.byClass().toString());

        ReimportJob job = service.start("parcel-weights", new ReimportScope.Full(), ReimportMode.REBUILD);
        drain();

        assertEquals(JobState.SUCCEEDED, jobs.get(job.jobId()).orElseThrow().state());
        assertTrue(new Reconciler(engine).reconcile(weights, new ReimportScope.Full()).none());
        assertEquals(7, weightRows.rows.get("p007").fields().get("grams"));
        assertTrue(labelRows.rows.isEmpty(), "a job on one view leaves the other alone");
    }

    @Test
    void aRepublishAnnouncesTheViewsOwnEntityType() {
        parcels.put(new Parcel("p1", 4, T, false, 10));

        service.start("parcel-weights", new ReimportScope.Ids(List.of("p1")), ReimportMode.REPUBLISH);
        drain();

        assertEquals(1, republished.size());
        assertEquals("Parcel", republished.get(0).entityType());
        assertEquals("ParcelChanged", republished.get(0).routingKey());
        assertEquals(4, republished.get(0).version());
    }
}
