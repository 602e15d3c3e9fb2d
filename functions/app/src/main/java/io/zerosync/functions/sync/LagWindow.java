package io.zerosync.functions.sync;

import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The most recent lag samples per view, in memory, shared by everything in this JVM. The local cloud runs
 * every function in one JVM (each with its own application context), so the admin API sees what the sync
 * functions recorded. On AWS each function instance has its own JVM: there the SyncLag EMF metric in
 * CloudWatch is the source of lag percentiles, and this window only shows what one instance saw.
 */
@Singleton
public class LagWindow {
    private static final int SIZE = 1024;
    private static final Map<String, long[]> SAMPLES = new ConcurrentHashMap<>();
    private static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();

    public void record(String view, long lagMillis) {
        synchronized (SAMPLES) {
            long[] ring = SAMPLES.computeIfAbsent(view, v -> new long[SIZE]);
            int n = COUNTS.merge(view, 1, Integer::sum);
            ring[(n - 1) % SIZE] = lagMillis;
        }
    }

    /** p50/p90/p99/max over the recent samples, and how many there were; empty map when none. */
    public Map<String, Long> percentiles(String view) {
        long[] sorted;
        int n;
        synchronized (SAMPLES) {
            long[] ring = SAMPLES.get(view);
            if (ring == null) {
                return Map.of();
            }
            n = Math.min(COUNTS.get(view), SIZE);
            sorted = Arrays.copyOf(ring, n);
        }
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
