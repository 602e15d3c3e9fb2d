package io.zerosync.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.zerosync.local.esm.EventSourceMapping;
import io.zerosync.local.esm.EventSourceMappingSpec;
import io.zerosync.local.esm.EventSourceMappingStats;
import io.zerosync.local.faults.CrashingHandler;
import io.zerosync.local.faults.Faults;
import io.zerosync.local.provision.EventSource;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Lambda-like SQS event source mapping per SQS event in template.yaml, each invoking a fresh
 * instance of the handler class the template names.
 */
public final class Pollers implements AutoCloseable {
    private final SqsClient sqs;
    private final Map<String, EventSourceMapping> byFunction = new ConcurrentHashMap<>();
    private final List<AutoCloseable> handlers = new ArrayList<>();
    private final Faults faults;

    public Pollers(SqsClient sqs) {
        this(sqs, null);
    }

    /** With {@code faults}, every invocation may crash mid-batch at the {@code sync-crash} rate. */
    public Pollers(SqsClient sqs, Faults faults) {
        this.sqs = sqs;
        this.faults = faults;
    }

    public void start(EventSource source, FunctionEnvironment environment) {
        RequestHandler<SQSEvent, Object> created = HandlerFactory.create(source.handler(), environment);
        RequestHandler<SQSEvent, Object> handler = tracked(source.queueUrl(),
                faults == null ? created : CrashingHandler.around(created, faults));
        if (created instanceof AutoCloseable closeable) {
            synchronized (handlers) {
                handlers.add(closeable);
            }
        }
        // A nested view's function (ShopDetailView.SyncFunction) is named as Lambda allows: with a dash.
        EventSourceMappingSpec spec = EventSourceMappingSpec.builder(source.functionLogicalId().replace('.', '-'), source.queueUrl(),
                        source.queueArn())
                .batchSize(source.batchSize())
                .maximumBatchingWindow(Duration.ofSeconds(source.maximumBatchingWindowSeconds()))
                .reportBatchItemFailures(source.reportBatchItemFailures())
                .maximumConcurrency(Math.max(1, source.maximumConcurrency()))
                .functionTimeout(Duration.ofSeconds(source.timeoutSeconds()))
                .build();
        byFunction.put(source.functionLogicalId(), EventSourceMapping.start(spec, handler, sqs));
    }

    /**
     * Disables a mapping (as setting Enabled: false on Lambda's does): messages wait on the queue until
     * {@link #resume}. Tests use it to let a burst pile up, as it does while a function is throttled.
     */
    public void pause(String functionLogicalId) {
        EventSourceMapping mapping = byFunction.get(functionLogicalId);
        if (mapping != null) {
            mapping.close();
        }
    }

    public void resume(String functionLogicalId) {
        EventSourceMapping old = byFunction.get(functionLogicalId);
        if (old == null) {
            throw new IllegalArgumentException("no mapping for " + functionLogicalId);
        }
        byFunction.put(functionLogicalId, old.resumed());
    }

    /** Records when the messages of each batch were sent while the batch runs, for the admin API's queue age. */
    private static RequestHandler<SQSEvent, Object> tracked(String queueUrl, RequestHandler<SQSEvent, Object> handler) {
        return (event, context) -> {
            long[] sent = event.getRecords().stream().mapToLong(r -> Long.parseLong(
                    r.getAttributes().getOrDefault("SentTimestamp", Long.toString(System.currentTimeMillis())))).toArray();
            QueueAges.received(queueUrl, sent);
            try {
                return handler.handleRequest(event, context);
            } finally {
                QueueAges.settled(queueUrl, sent);
            }
        };
    }

    public Optional<EventSourceMappingStats.Snapshot> stats(String functionLogicalId) {
        return Optional.ofNullable(byFunction.get(functionLogicalId)).map(EventSourceMapping::stats);
    }

    @Override
    public void close() {
        byFunction.values().forEach(EventSourceMapping::close);
        byFunction.clear();
        synchronized (handlers) {
            for (AutoCloseable h : handlers) {
                try {
                    h.close();
                } catch (Exception ignored) {
                    // stopping anyway
                }
            }
            handlers.clear();
        }
    }
}
