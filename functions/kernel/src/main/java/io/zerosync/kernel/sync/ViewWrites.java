package io.zerosync.kernel.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs view writes with at most {@code inFlight} at a time over one engine. Each row is its own conditional
 * write (DynamoDB cannot batch a condition), so a chunk written one row after another costs one round trip
 * per row; overlapping a few of them is what makes a rebuild fast. Answers come back in the order the
 * writes were given, so the engine's per-ID accounting does not change. A write must not throw: it reports
 * its own failure in its answer.
 * <p>
 * The threads are daemons, created on first use and let go when idle, so a function that never writes more
 * than one row at a time never starts one.
 */
final class ViewWrites {
    /** In flight per engine when nobody says otherwise: enough to hide a round trip, few enough for one partition. */
    static final int DEFAULT_IN_FLIGHT = 16;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int inFlight;
    private final ThreadPoolExecutor pool;

    ViewWrites(int inFlight) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("writes in flight must be at least 1, not " + inFlight);
        }
        this.inFlight = inFlight;
        if (inFlight == 1) {
            pool = null;
            return;
        }
        int poolId = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "zerosync-view-writes-" + poolId + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        pool = new ThreadPoolExecutor(inFlight, inFlight, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
    }

    int inFlight() {
        return inFlight;
    }

    /** Runs every write, at most {@code inFlight} at once; answers their results in the order given. */
    <T> List<T> run(List<Supplier<T>> writes) {
        List<T> results = new ArrayList<>(writes.size());
        if (pool == null || writes.size() <= 1) {
            writes.forEach(w -> results.add(w.get()));
            return results;
        }
        List<CompletableFuture<T>> pending = new ArrayList<>(writes.size());
        for (Supplier<T> write : writes) {
            pending.add(CompletableFuture.supplyAsync(write, pool));
        }
        for (CompletableFuture<T> p : pending) {
            results.add(p.join());
        }
        return results;
    }
}
