package io.zerosync.local.esm;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SQS handler for the tests: records every batch it is given and can be told, per message
 * body, to report an item failure, to throw, to run slowly or to wait for a latch a number of times.
 */
final class RecordingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** One call: the records, the context it came with, and the thread that made it. */
    record Call(List<SQSEvent.SQSMessage> records, Context context, String thread) {
        List<String> bodies() {
            return records.stream().map(SQSEvent.SQSMessage::getBody).toList();
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> reportFailure = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throwFor = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> slowFor = new ConcurrentHashMap<>();
    private volatile Duration slowness = Duration.ZERO;
    private volatile String blockedBody;
    private volatile CountDownLatch release;

    /** Reports the message with this body as a batch item failure, the next {@code times} times. */
    RecordingHandler reportFailure(String body, int times) {
        reportFailure.put(body, new AtomicInteger(times));
        return this;
    }

    RecordingHandler alwaysReportFailure(String body) {
        return reportFailure(body, Integer.MAX_VALUE);
    }

    /** Throws whenever a batch holds this body, the next {@code times} times. */
    RecordingHandler throwFor(String body, int times) {
        throwFor.put(body, new AtomicInteger(times));
        return this;
    }

    /** Takes {@code duration} over a batch holding this body, the next {@code times} times. */
    RecordingHandler slowFor(String body, int times, Duration duration) {
        slowness = duration;
        slowFor.put(body, new AtomicInteger(times));
        return this;
    }

    /** Blocks any batch holding this body until the returned latch is counted down. */
    CountDownLatch blockOn(String body) {
        release = new CountDownLatch(1);
        blockedBody = body;
        return release;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = List.copyOf(event.getRecords());
        calls.add(new Call(records, context, Thread.currentThread().getName()));
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : records) {
            String body = record.getBody();
            if (consume(throwFor, body)) {
                throw new IllegalStateException("told to fail on " + body);
            }
            if (consume(slowFor, body)) {
                pause();
            }
            if (body.equals(blockedBody)) {
                awaitRelease();
            }
            if (consume(reportFailure, body)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every delivery of the message with this body, in order. */
    List<SQSEvent.SQSMessage> deliveriesOf(String body) {
        return calls.stream().flatMap(call -> call.records().stream()).filter(r -> r.getBody().equals(body)).toList();
    }

    int deliveryCount(String body) {
        return deliveriesOf(body).size();
    }

    int totalRecords() {
        return calls.stream().mapToInt(call -> call.records().size()).sum();
    }

    private static boolean consume(Map<String, AtomicInteger> budget, String body) {
        AtomicInteger left = budget.get(body);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private void pause() {
        try {
            Thread.sleep(slowness.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitRelease() {
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never released the blocked batch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
