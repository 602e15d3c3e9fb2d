package io.zerosync.local.esm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers one batch the way Lambda's SQS poller does: long-poll ReceiveMessage (at most 10 per call)
 * until the batch holds {@code batchSize} records or the batching window has passed. The window opens
 * when the first records arrive; with a zero window the batch is whatever the first non-empty receive
 * returned. Unlike Lambda, long polls last at most a second, so that close() is prompt.
 */
final class BatchCollector {
    private static final Logger log = LoggerFactory.getLogger(BatchCollector.class);
    /** SQS returns at most 10 messages per ReceiveMessage. */
    static final int MAX_MESSAGES_PER_RECEIVE = 10;
    /** Longest long poll; bounds how long close() waits for an idle poller. */
    static final Duration MAX_POLL_WAIT = Duration.ofSeconds(1);
    /** Pause between short polls in the last sub-second of a window, so an empty queue is not hammered. */
    private static final Duration SHORT_POLL_PAUSE = Duration.ofMillis(50);

    private final SqsClient sqs;
    private final EventSourceMappingSpec spec;
    private final StopSignal stop;
    private final Clock clock;
    private final PollerScaling scaling;
    private final int index;

    BatchCollector(SqsClient sqs, EventSourceMappingSpec spec, StopSignal stop, Clock clock) {
        this(sqs, spec, stop, clock, new PollerScaling(1), 1);
    }

    /** As poller {@code index} of a mapping whose pollers scale with {@code scaling}. */
    BatchCollector(SqsClient sqs, EventSourceMappingSpec spec, StopSignal stop, Clock clock, PollerScaling scaling,
                   int index) {
        this.sqs = sqs;
        this.spec = spec;
        this.stop = stop;
        this.clock = clock;
        this.scaling = scaling;
        this.index = index;
    }

    /**
     * Returns a batch, or an empty list when a long poll found nothing or the mapping stopped before anything
     * arrived. A batch returned while stopping is not to be invoked; the caller hands it back to the queue.
     *
     * @throws SdkException when a receive fails before any record was gathered
     */
    List<Message> collect() {
        // Keyed by message ID: a message whose visibility ran out during a long window can be received
        // twice; the batch holds it once, with its newest receipt handle (the one that can delete it).
        Map<String, Message> batch = new LinkedHashMap<>();
        Instant windowEnds = null;
        while (!stop.isSignalled()) {
            Duration wait = windowEnds == null ? MAX_POLL_WAIT : Duration.between(clock.instant(), windowEnds);
            int waitSeconds = (int) Math.max(0, Math.min(MAX_POLL_WAIT.toSeconds(), wait.toSeconds()));
            List<Message> received;
            int asked = Math.min(MAX_MESSAGES_PER_RECEIVE, spec.batchSize() - batch.size());
            try {
                received = receive(asked, waitSeconds);
            } catch (SdkException e) {
                if (batch.isEmpty()) {
                    throw e;
                }
                log.warn("{}: receive failed while gathering a batch, invoking with {} record(s): {}",
                        spec.functionName(), batch.size(), e.toString());
                break;
            }
            received.forEach(message -> batch.put(message.messageId(), message));
            // As many as asked for: more may be waiting. Compared with what was asked, not with ten, so a mapping
            // of batch size 1 (the re-import worker) scales with its backlog too.
            if (!received.isEmpty() && received.size() == asked) {
                scaling.backlog();
            }
            if (batch.isEmpty()) {
                if (waitSeconds > 0) {
                    scaling.empty(index);
                }
                return List.of();
            }
            if (windowEnds == null) {
                windowEnds = clock.instant().plus(spec.maximumBatchingWindow());
            }
            Instant now = clock.instant();
            if (batch.size() >= spec.batchSize() || !now.isBefore(windowEnds)) {
                break;
            }
            if (received.isEmpty() && waitSeconds == 0) {
                Duration left = Duration.between(now, windowEnds);
                stop.await(left.compareTo(SHORT_POLL_PAUSE) < 0 ? left : SHORT_POLL_PAUSE);
            }
        }
        return List.copyOf(batch.values());
    }

    private List<Message> receive(int maxMessages, int waitSeconds) {
        return sqs.receiveMessage(ReceiveMessageRequest.builder()
                .queueUrl(spec.queueUrl())
                .maxNumberOfMessages(maxMessages)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")
                .build()).messages();
    }
}
