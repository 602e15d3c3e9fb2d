package io.zerosync.local.esm;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SQS event source mapping plus the two function settings the mapping depends on (timeout and
 * memory), validated the way Lambda's CreateEventSourceMapping validates them, so a template that
 * works locally is not rejected on deploy:
 * <ul>
 *   <li>BatchSize 1..10,000 (default 10); at most 10 for a FIFO queue.</li>
 *   <li>MaximumBatchingWindowInSeconds 0..300 (default 0); not supported for FIFO queues.</li>
 *   <li>"When you set BatchSize to a value greater than 10, you must set MaximumBatchingWindowInSeconds
 *       to at least 1" (Lambda API reference, BatchSize / MaximumBatchingWindowInSeconds).</li>
 *   <li>Function timeout 1..900 s (default 3 s), memory 128..10,240 MB (default 128 MB).</li>
 * </ul>
 * Local deviations, on purpose: the window may be sub-second (Lambda takes whole seconds) so tests can
 * use short windows, and {@code maximumConcurrency} may be 1 (Lambda's ScalingConfig takes 2..1000)
 * because here it is simply the number of poller threads.
 */
public record EventSourceMappingSpec(
        String functionName,
        String queueUrl,
        QueueArn queueArn,
        int batchSize,
        Duration maximumBatchingWindow,
        boolean reportBatchItemFailures,
        int maximumConcurrency,
        Duration functionTimeout,
        int memorySizeMb) {

    public static final int DEFAULT_BATCH_SIZE = 10;
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final int MAX_FIFO_BATCH_SIZE = 10;
    public static final Duration MAX_BATCHING_WINDOW = Duration.ofSeconds(300);
    public static final int DEFAULT_MAXIMUM_CONCURRENCY = 1;
    public static final int MAX_MAXIMUM_CONCURRENCY = 1000;
    public static final Duration DEFAULT_FUNCTION_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration MAX_FUNCTION_TIMEOUT = Duration.ofSeconds(900);
    public static final int DEFAULT_MEMORY_SIZE_MB = 128;

    /** Lambda's own rule for function names (the unqualified form). */
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public EventSourceMappingSpec {
        Objects.requireNonNull(functionName, "functionName");
        if (!FUNCTION_NAME.matcher(functionName).matches()) {
            throw invalid("functionName must be 1-64 letters, digits, '-' or '_': " + functionName);
        }
        if (queueUrl == null || queueUrl.isBlank()) {
            throw invalid("queueUrl is required");
        }
        Objects.requireNonNull(queueArn, "queueArn");
        Objects.requireNonNull(maximumBatchingWindow, "maximumBatchingWindow");
        Objects.requireNonNull(functionTimeout, "functionTimeout");

        int maxBatch = queueArn.fifo() ? MAX_FIFO_BATCH_SIZE : MAX_BATCH_SIZE;
        if (batchSize < 1 || batchSize > maxBatch) {
            throw invalid("batchSize must be 1.." + maxBatch + (queueArn.fifo() ? " for a FIFO queue" : "")
                    + ", was " + batchSize);
        }
        if (maximumBatchingWindow.isNegative() || maximumBatchingWindow.compareTo(MAX_BATCHING_WINDOW) > 0) {
            throw invalid("maximumBatchingWindow must be 0..300 s, was " + maximumBatchingWindow);
        }
        if (queueArn.fifo() && !maximumBatchingWindow.isZero()) {
            throw invalid("a batching window is not supported for FIFO queues");
        }
        if (batchSize > 10 && maximumBatchingWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            throw invalid("batchSize " + batchSize + " > 10 requires maximumBatchingWindow of at least 1 s");
        }
        if (maximumConcurrency < 1 || maximumConcurrency > MAX_MAXIMUM_CONCURRENCY) {
            throw invalid("maximumConcurrency must be 1.." + MAX_MAXIMUM_CONCURRENCY + ", was " + maximumConcurrency);
        }
        if (functionTimeout.compareTo(Duration.ofSeconds(1)) < 0 || functionTimeout.compareTo(MAX_FUNCTION_TIMEOUT) > 0) {
            throw invalid("functionTimeout must be 1..900 s, was " + functionTimeout);
        }
        if (memorySizeMb < 128 || memorySizeMb > 10_240) {
            throw invalid("memorySizeMb must be 128..10240, was " + memorySizeMb);
        }
    }

    /** Starts a spec with Lambda's defaults for everything but the three required values. */
    public static Builder builder(String functionName, String queueUrl, String queueArn) {
        return new Builder(functionName, queueUrl, QueueArn.parse(queueArn));
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid event source mapping: " + message);
    }

    /** Lambda's defaults, overridable one setting at a time (the composition root maps template.yaml onto it). */
    public static final class Builder {
        private final String functionName;
        private final String queueUrl;
        private final QueueArn queueArn;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration maximumBatchingWindow = Duration.ZERO;
        private boolean reportBatchItemFailures;
        private int maximumConcurrency = DEFAULT_MAXIMUM_CONCURRENCY;
        private Duration functionTimeout = DEFAULT_FUNCTION_TIMEOUT;
        private int memorySizeMb = DEFAULT_MEMORY_SIZE_MB;

        private Builder(String functionName, String queueUrl, QueueArn queueArn) {
            this.functionName = functionName;
            this.queueUrl = queueUrl;
            this.queueArn = queueArn;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder maximumBatchingWindow(Duration window) {
            this.maximumBatchingWindow = window;
            return this;
        }

        public Builder reportBatchItemFailures(boolean on) {
            this.reportBatchItemFailures = on;
            return this;
        }

        public Builder maximumConcurrency(int pollers) {
            this.maximumConcurrency = pollers;
            return this;
        }

        public Builder functionTimeout(Duration timeout) {
            this.functionTimeout = timeout;
            return this;
        }

        public Builder memorySizeMb(int memorySizeMb) {
            this.memorySizeMb = memorySizeMb;
            return this;
        }

        public EventSourceMappingSpec build() {
            return new EventSourceMappingSpec(functionName, queueUrl, queueArn, batchSize, maximumBatchingWindow,
                    reportBatchItemFailures, maximumConcurrency, functionTimeout, memorySizeMb);
        }
    }
}
