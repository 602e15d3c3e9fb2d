package io.zerosync.local.esm;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Calls the handler with one batch, as Lambda would, and decides what the call means for the batch.
 * A handler that throws fails the whole batch. So does one that returns after the function timeout:
 * Lambda would have stopped it, so its result must not count (the thread cannot be stopped here, so it
 * is allowed to finish and then disregarded).
 */
final class FunctionInvoker {
    /** One handler call: its request ID, how long it took, and what it means for the batch. */
    record Invocation(String requestId, Duration duration, BatchOutcome outcome) {
    }

    private final EventSourceMappingSpec spec;
    private final RequestHandler<SQSEvent, ?> handler;
    private final SqsEventFactory events;
    private final BatchResponseReader responses = new BatchResponseReader();
    private final EventSourceMappingStats stats;
    private final Clock clock;
    private final String logStreamName;

    FunctionInvoker(EventSourceMappingSpec spec, RequestHandler<SQSEvent, ?> handler,
                    EventSourceMappingStats stats, Clock clock) {
        this.spec = spec;
        this.handler = handler;
        this.events = new SqsEventFactory(spec.queueArn());
        this.stats = stats;
        this.clock = clock;
        this.logStreamName = LocalLambdaContext.newLogStreamName(clock);
    }

    Invocation invoke(List<Message> batch) {
        SQSEvent event = events.toEvent(batch);
        LocalLambdaContext context = LocalLambdaContext.forInvocation(spec, logStreamName, clock);
        Instant started = clock.instant();
        stats.invoked(batch.size(), started);
        Object response;
        try {
            response = handler.handleRequest(event, context);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            stats.finished(Duration.between(started, clock.instant()));
            // Lambda reports any throwable as a function error; the batch goes back to the queue whole.
            String reason = "handler threw " + error;
            stats.invocationFailed(reason);
            return new Invocation(context.getAwsRequestId(), Duration.between(started, clock.instant()),
                    BatchOutcome.wholeBatchFailed(reason));
        }
        Instant finished = clock.instant();
        Duration took = Duration.between(started, finished);
        stats.finished(took);
        if (finished.isAfter(context.deadline())) {
            // Lambda's own wording, so log searches written for CloudWatch also work locally.
            String reason = String.format(Locale.ROOT, "Task timed out after %.2f seconds",
                    spec.functionTimeout().toMillis() / 1000.0);
            stats.invocationFailed(reason);
            return new Invocation(context.getAwsRequestId(), took, BatchOutcome.wholeBatchFailed(reason));
        }
        if (!spec.reportBatchItemFailures()) {
            // Without ReportBatchItemFailures Lambda ignores the response: a normal return deletes everything.
            return new Invocation(context.getAwsRequestId(), took, BatchOutcome.allSucceeded());
        }
        Set<String> ids = batch.stream().map(Message::messageId).collect(Collectors.toSet());
        return new Invocation(context.getAwsRequestId(), took, responses.read(response, ids));
    }
}
