package io.zerosync.local.esm;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A local stand-in for Lambda's SQS event source mapping: up to {@code maximumConcurrency} poller threads
 * (as many as the backlog needs, see {@link PollerScaling}) feed batches from one queue to one handler
 * instance and delete what succeeded. It is a library:
 * the composition root reads template.yaml, builds the handler and the {@link SqsClient}, and passes
 * them in. The handler instance is shared by all pollers, so it must be thread-safe when
 * {@code maximumConcurrency > 1} (on Lambda each concurrent invocation has its own instance).
 */
public final class EventSourceMapping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventSourceMapping.class);
    /** How long close() waits beyond the function timeout before giving up on a poller. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final EventSourceMappingSpec spec;
    private final RequestHandler<SQSEvent, ?> handler;
    private final SqsClient sqs;
    private final Clock clock;
    private final EventSourceMappingStats stats;
    private final StopSignal stop = new StopSignal();
    private final List<Thread> pollers = new ArrayList<>();
    private boolean started;
    private boolean closed;

    public EventSourceMapping(EventSourceMappingSpec spec, RequestHandler<SQSEvent, ?> handler, SqsClient sqs) {
        this(spec, handler, sqs, new EventSourceMappingStats());
    }

    private EventSourceMapping(EventSourceMappingSpec spec, RequestHandler<SQSEvent, ?> handler, SqsClient sqs,
                               EventSourceMappingStats stats) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.stats = stats;
        this.clock = Clock.systemUTC();
    }

    /**
     * Closes this mapping and starts it again with the same spec, handler and counts, as enabling a disabled
     * mapping on Lambda resumes the same mapping (its counts do not start again from zero).
     */
    public EventSourceMapping resumed() {
        close();
        EventSourceMapping again = new EventSourceMapping(spec, handler, sqs, stats);
        again.start();
        return again;
    }

    /** Creates and starts a mapping. */
    public static EventSourceMapping start(EventSourceMappingSpec spec, RequestHandler<SQSEvent, ?> handler,
                                           SqsClient sqs) {
        EventSourceMapping mapping = new EventSourceMapping(spec, handler, sqs);
        mapping.start();
        return mapping;
    }

    /**
     * Checks the queue as Lambda does on CreateEventSourceMapping, then starts the pollers.
     *
     * @throws IllegalStateException when the queue's visibility timeout is shorter than the function
     *                               timeout (Lambda refuses such a mapping), or when started or closed before
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(spec.functionName() + ": mapping already " + (closed ? "closed" : "started"));
        }
        checkQueue();
        started = true;
        PollerScaling scaling = new PollerScaling(spec.maximumConcurrency());
        for (int i = 1; i <= spec.maximumConcurrency(); i++) {
            Thread thread = new Thread(new SqsPoller(spec, handler, sqs, stats, stop, clock, scaling, i),
                    "esm-" + spec.functionName() + "-" + i);
            thread.setDaemon(true);
            pollers.add(thread);
            thread.start();
        }
        log.debug("{}: polling {} (batch {}, window {} ms, partial failures {}, up to {} poller(s))", spec.functionName(),
                spec.queueUrl(), spec.batchSize(), spec.maximumBatchingWindow().toMillis(),
                spec.reportBatchItemFailures() ? "on" : "off", spec.maximumConcurrency());
    }

    private void checkQueue() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(spec.queueUrl())
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes();
        Duration visibility = Duration.ofSeconds(Long.parseLong(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)));
        if (visibility.compareTo(spec.functionTimeout()) < 0) {
            throw new IllegalStateException(spec.functionName() + ": queue visibility timeout " + visibility.toSeconds()
                    + " s is less than the function timeout " + spec.functionTimeout().toSeconds()
                    + " s; Lambda rejects this mapping");
        }
        // A message received at the start of a window must not reappear before its batch is even invoked.
        if (visibility.compareTo(spec.functionTimeout().plus(spec.maximumBatchingWindow())) < 0) {
            log.warn("{}: queue visibility timeout {} s is shorter than function timeout plus batching window; "
                            + "messages may be redelivered while their batch is still being gathered or processed",
                    spec.functionName(), visibility.toSeconds());
        }
    }

    /**
     * Stops polling and waits for the pollers: an invocation under way finishes and is settled, a batch
     * still being gathered is handed back. Idempotent.
     */
    @Override
    public void close() {
        stop.signal();
        List<Thread> running;
        synchronized (this) {
            closed = true;
            running = List.copyOf(pollers);
        }
        Duration wait = spec.functionTimeout().plus(BatchCollector.MAX_POLL_WAIT).plus(CLOSE_GRACE);
        for (Thread poller : running) {
            try {
                poller.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (poller.isAlive()) {
                log.warn("{}: poller {} still busy after {} s; interrupting it", spec.functionName(), poller.getName(),
                        wait.toSeconds());
                poller.interrupt();
            }
        }
    }

    /** True while at least one poller is alive. */
    public boolean isRunning() {
        synchronized (this) {
            return pollers.stream().anyMatch(Thread::isAlive);
        }
    }

    public EventSourceMappingSpec spec() {
        return spec;
    }

    public EventSourceMappingStats.Snapshot stats() {
        return stats.snapshot();
    }
}
