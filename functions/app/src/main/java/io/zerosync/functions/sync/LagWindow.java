package io.zerosync.functions.sync;

import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The most recent lag samples per view, in memory. On AWS every function instance has its own and
 * CloudWatch aggregates the EMF metric; the local cloud runs every function in one JVM, so the admin API
 * reads this window directly.
 */
@Singleton
public class LagWindow {
    private static final int SIZE = 1024;
    private final Map<String, long[]> samples = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    public synchronized void record(String view, long lagMillis) {
        long[] ring = samples.computeIfAbsent(view, v -> new long[SIZE]);
        int n = counts.merge(view, 1, Integer::sum);
        ring[(n - 1) % SIZE] = lagMillis;
    }

    /** p50/p90/p99/max over the recent samples, and how many there were; empty map when none. */
    public synchronized Map<String, Long> percentiles(String view) {
        long[] ring = samples.get(view);
        if (ring == null) {
            return Map.of();
        }
        int n = Math.min(counts.get(view), SIZE);
        long[] sorted = Arrays.copyOf(ring, n);
        Arrays.sort(sorted);
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("samples", (long) n);
        out.put("p50", sorted[(int) Math.ceil(0.50 * n) - 1]);
        out.put("p90", sorted[(int) Math.ceil(0.90 * n) - 1]);
        out.put("p99", sorted[(int) Math.ceil(0.99 * n) - 1]);
        out.put("max", sorted[n - 1]);
        return out;
    }
}
