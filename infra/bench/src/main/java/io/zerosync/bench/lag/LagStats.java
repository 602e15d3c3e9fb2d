package io.zerosync.bench.lag;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percentiles of lag (row written minus command acknowledged, ms) over one view at one rate. A command whose
 * row never appeared counts as infinitely late, so a lost or stuck change cannot improve a percentile.
 */
record LagStats(int samples, int missing, double p50, double p95, double p99, double max) {

    static LagStats of(Collection<Long> lagsMillis, int missing) {
        double[] sorted = new double[lagsMillis.size() + missing];
        int i = 0;
        for (long lag : lagsMillis) {
            sorted[i++] = lag;
        }
        Arrays.fill(sorted, i, sorted.length, Double.POSITIVE_INFINITY);
        Arrays.sort(sorted);
        return new LagStats(sorted.length, missing, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile: the smallest sample with at least {@code q} of all samples at or below it. */
    private static double rank(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("samples", samples);
        out.put("missing", missing);
        out.put("p50Ms", p50);
        out.put("p95Ms", p95);
        out.put("p99Ms", p99);
        out.put("maxMs", max);
        return out;
    }
}
