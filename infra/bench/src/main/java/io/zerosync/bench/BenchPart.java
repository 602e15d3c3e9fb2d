package io.zerosync.bench;

import io.zerosync.bench.report.Section;

/**
 * One measurement of the benchmark command (lag, fetch amplification, re-import, cold start, cost). A part
 * starts the local cloud it needs itself, runs its baseline in the same process, and returns its figures.
 */
public interface BenchPart {

    /** The name used on the command line and as the JSON key, e.g. {@code lag}. */
    String name();

    Section run(BenchOptions options) throws Exception;
}
