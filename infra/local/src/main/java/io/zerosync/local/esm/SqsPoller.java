package io.zerosync.local.esm;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One poller of a mapping (one unit of its maximum concurrency): gather a batch, invoke, settle,
 * repeat until stopped. An invocation under way when the stop comes is finished and settled; a batch
 * gathered but not yet invoked is handed back to the queue.
 */
final class SqsPoller implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SqsPoller.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final EventSourceMappingSpec spec;
    private final StopSignal stop;
    private final BatchCollector collector;
    private final FunctionInvoker invoker;
    private final BatchSettler settler;
    private final EventSourceMappingStats stats;
    private final PollerScaling scaling;
    private final int index;

    /** Poller {@code index} (1 = the first) of a mapping whose active pollers {@code scaling} decides. */
    SqsPoller(EventSourceMappingSpec spec, RequestHandler<SQSEvent, ?> handler, SqsClient sqs,
              EventSourceMappingStats stats, StopSignal stop, Clock clock, PollerScaling scaling, int index) {
        this.spec = spec;
        this.stop = stop;
        this.stats = stats;
        this.scaling = scaling;
        this.index = index;
        this.collector = new BatchCollector(sqs, spec, stop, clock, scaling, index);
        this.invoker = new FunctionInvoker(spec, handler, stats, clock);
        this.settler = new BatchSettler(sqs, spec.functionName(), spec.queueUrl());
    }

    @Override
    public void run() {
        Duration backoff = FIRST_BACKOFF;
        while (scaling.awaitTurn(index, stop)) {
            try {
                pollOnce();
                backoff = FIRST_BACKOFF;
            } catch (RuntimeException e) {
                // The queue may be gone or the endpoint restarting; keep the poller alive and retry slower,
                // as Lambda's pollers do, rather than let the mapping die silently.
                log.warn("{}: polling {} failed, retrying in {} ms: {}", spec.functionName(), spec.queueUrl(),
                        backoff.toMillis(), e.toString());
                stop.await(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void pollOnce() {
        List<Message> batch = collector.collect();
        if (batch.isEmpty()) {
            return;
        }
        if (stop.isSignalled()) {
            settler.handBack(batch);
            return;
        }
        FunctionInvoker.Invocation invocation = invoker.invoke(batch);
        BatchOutcome outcome = invocation.outcome();
        List<Message> succeeded = new ArrayList<>(batch.size());
        for (Message message : batch) {
            if (outcome.shouldDelete(message.messageId())) {
                succeeded.add(message);
            }
        }
        int deleted = settler.delete(succeeded);
        int failed = batch.size() - succeeded.size();
        stats.settled(deleted, failed, outcome.reason());
        if (outcome.reason() == null) {
            log.info("{} {}: {} record(s) in {} ms, {} deleted", spec.functionName(), invocation.requestId(),
                    batch.size(), invocation.duration().toMillis(), deleted);
        } else {
            log.warn("{} {}: {} record(s) in {} ms, {} deleted, {} left for redelivery: {}", spec.functionName(),
                    invocation.requestId(), batch.size(), invocation.duration().toMillis(), deleted, failed,
                    outcome.reason());
        }
    }
}
