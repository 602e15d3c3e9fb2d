package io.zerosync.kernel.sync;

import io.zerosync.kernel.port.ViewStore;
import io.zerosync.shop.views.ShopDetailProjection;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's overlapping writes: every row written, failures on the right IDs, never more in flight than asked. */
class ParallelWritesTest {
    private static final int IN_FLIGHT = 4;
    private final FakeSource source = new FakeSource();

    @Test
    void writesEveryRow_neverMoreThanTheBoundInFlight_andReachesTheBound() {
        List<String> ids = IntStream.range(0, 250).mapToObj(i -> String.format("s%04d", i)).toList();
        ids.forEach(id -> source.put(id, 2, "Shop " + id));
        CountingStore store = new CountingStore(new InMemoryViewStore(), Set.of());
        SyncEngine engine = new SyncEngine(Clock.fixed(Instant.parse("2026-11-22T23:00:05Z"), ZoneOffset.UTC),
                (v, r) -> { }, IN_FLIGHT);

        SyncReport report = engine.syncIds(new View<>(new ShopDetailProjection(), store, source), ids, Gate.REBUILD);

        assertTrue(report.ok(), () -> report.failures().toString());
        assertEquals(250, report.written());
        assertEquals(Set.copyOf(ids), store.inner.rows.keySet());
        assertTrue(store.maxInFlight.get() <= IN_FLIGHT, "in flight at most " + IN_FLIGHT + ", saw " + store.maxInFlight.get());
        assertEquals(IN_FLIGHT, store.maxInFlight.get(), "the writes overlap up to the bound");
    }

    @Test
    void attributesEachFailedWriteToItsOwnShop() {
        List<String> ids = IntStream.range(0, 120).mapToObj(i -> String.format("s%04d", i)).toList();
        ids.forEach(id -> source.put(id, 1, "Shop " + id));
        Set<String> broken = Set.of("s0003", "s0050", "s0101");
        CountingStore store = new CountingStore(new InMemoryViewStore(), broken);
        SyncEngine engine = new SyncEngine(Clock.systemUTC(), (v, r) -> { }, IN_FLIGHT);

        SyncReport report = engine.sync(new View<>(new ShopDetailProjection(), store, source),
                ids.stream().map(id -> new SyncRequest("m-" + id, id, 1)).toList(), Gate.EVENT);

        assertEquals(broken, report.failures().stream().map(SyncReport.Failure::id).collect(Collectors.toSet()));
        report.failures().forEach(f -> {
            assertEquals("m-" + f.id(), f.ref());
            assertTrue(f.retryable());
            assertTrue(f.reason().contains("refused " + f.id()), f.reason());
        });
        assertEquals(117, report.written());
        broken.forEach(id -> assertFalse(store.inner.rows.containsKey(id)));
    }

    /**
     * Counts writes in flight. The first {@link #IN_FLIGHT} writes wait (a little) for each other, so a
     * bound that is never reached shows; a store that rejects some IDs throws for them.
     */
    private static final class CountingStore implements ViewStore {
        final InMemoryViewStore inner;
        final Set<String> rejects;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final CountDownLatch firstWave = new CountDownLatch(IN_FLIGHT);

        CountingStore(InMemoryViewStore inner, Set<String> rejects) {
            this.inner = inner;
            this.rejects = rejects;
        }

        @Override
        public boolean put(ViewRow row, Gate gate) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                firstWave.countDown();
                firstWave.await(5, TimeUnit.SECONDS);
                if (rejects.contains(row.id())) {
                    throw new IllegalStateException("refused " + row.id());
                }
                return inner.put(row, gate);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public boolean replace(ViewRow row, long readVersion) {
            return inner.replace(row, readVersion);
        }

        @Override
        public boolean markDeleted(String shopId, long version, Instant at) {
            return inner.markDeleted(shopId, version, at);
        }

        @Override
        public boolean replaceDeleted(String shopId, long version, Instant at, long readVersion) {
            return inner.replaceDeleted(shopId, version, at, readVersion);
        }

        @Override
        public void delete(String shopId) {
            inner.delete(shopId);
        }

        @Override
        public java.util.Optional<ViewRow> find(String id) {
            return inner.find(id);
        }

        @Override
        public Map<String, RowState> states(Collection<String> shopIds) {
            return inner.states(shopIds);
        }

        @Override
        public StatePage scan(int segment, int totalSegments, String cursor, int limit) {
            return inner.scan(segment, totalSegments, cursor, limit);
        }
    }
}
