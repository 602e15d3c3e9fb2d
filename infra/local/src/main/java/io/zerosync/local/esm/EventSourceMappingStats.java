package io.zerosync.local.esm;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Running counts for one mapping, shared by its pollers. Callers read a {@link Snapshot}; the local
 * cloud's admin views and the tests use it to see what the mapping did without reading logs.
 */
public final class EventSourceMappingStats {
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong invocationErrors = new AtomicLong();
    private final AtomicLong billedMillis = new AtomicLong();
    private final AtomicReference<Instant> lastInvocationAt = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    /**
     * @param invocations      times the handler was called
     * @param records          records handed to the handler, redeliveries included
     * @param deleted          messages deleted from the queue after an invocation
     * @param failed           records left on the queue because they, or their whole batch, failed
     * @param invocationErrors invocations that threw or ran past the function timeout
     * @param lastInvocationAt when the handler was last called, or null
     * @param lastError        the last failure, briefly, or null
     * @param billedMillis     the handler's wall time summed over invocations, each rounded up to a whole
     *                         millisecond as Lambda bills it (an estimate: pollers share one JVM and its cores)
     */
    public record Snapshot(long invocations, long records, long deleted, long failed, long invocationErrors,
                           Instant lastInvocationAt, String lastError, long billedMillis) {
    }

    public Snapshot snapshot() {
        return new Snapshot(invocations.get(), records.get(), deleted.get(), failed.get(), invocationErrors.get(),
                lastInvocationAt.get(), lastError.get(), billedMillis.get());
    }

    void invoked(int recordCount, Instant at) {
        invocations.incrementAndGet();
        records.addAndGet(recordCount);
        lastInvocationAt.set(at);
    }

    /** An invocation returned or threw after {@code took}; Lambda bills its duration either way. */
    void finished(java.time.Duration took) {
        long nanos = Math.max(0, took.toNanos());
        billedMillis.addAndGet(Math.max(1, (nanos + 999_999) / 1_000_000));
    }

    void invocationFailed(String error) {
        invocationErrors.incrementAndGet();
        lastError.set(error);
    }

    void settled(int deletedCount, int failedCount, String failure) {
        deleted.addAndGet(deletedCount);
        failed.addAndGet(failedCount);
        if (failure != null) {
            lastError.set(failure);
        }
    }
}
