package io.zerosync.aws.sqs;

import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.kernel.port.ViewQueues;
import io.zerosync.events.EntityChanged;
import io.zerosync.events.EntityChangedCodec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Each view's queue and DLQ. Republished events go straight to one view's queue (raw, no SNS
 * envelope), so only that view is touched.
 */
public final class SqsViewQueues implements ViewQueues {
    /** Queue and DLQ URLs of one view. */
    public record Queues(String queueUrl, String dlqUrl) {
    }

    private final SqsClient sqs;
    private final Supplier<Map<String, Queues>> byView;
    private final Function<String, Long> oldestAgeSeconds;

    /** @param oldestAgeSeconds a queue URL's oldest message age, where the platform can tell (null otherwise) */
    public SqsViewQueues(SqsClient sqs, Map<String, Queues> byView, Function<String, Long> oldestAgeSeconds) {
        this(sqs, () -> byView, oldestAgeSeconds);
    }

    /** @param byView the views' queues as registered now (the set may change while this lives) */
    public SqsViewQueues(SqsClient sqs, Supplier<Map<String, Queues>> byView, Function<String, Long> oldestAgeSeconds) {
        this.sqs = sqs;
        this.byView = byView;
        this.oldestAgeSeconds = oldestAgeSeconds;
    }

    @Override
    public void republish(String view, List<EntityChanged> events, String jobId) {
        String url = queues(view).queueUrl();
        for (int from = 0; from < events.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<EntityChanged> chunk = events.subList(from, Math.min(events.size(), from + 10));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("e" + i)
                        .messageBody(EntityChangedCodec.encode(chunk.get(i)))
                        .messageAttributes(Map.of(
                                "type", string(chunk.get(i).routingKey()),
                                "jobId", string(jobId)))
                        .build());
            }
            var response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException(view + " queue refused " + response.failed().size() + " events");
            }
        }
    }

    @Override
    public int redrive(String view) {
        Queues q = queues(view);
        int moved = 0;
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(q.dlqUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(60).messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return moved;
            }
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(messages.get(i).body())
                        .messageAttributes(messages.get(i).messageAttributes()).build());
            }
            var sent = sqs.sendMessageBatch(r -> r.queueUrl(q.queueUrl()).entries(entries));
            // Delete from the DLQ only what reached the queue: a redrive never loses a message.
            List<software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            for (var ok : sent.successful()) {
                int i = Integer.parseInt(ok.id().substring(1));
                deletes.add(software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                        .id(ok.id()).receiptHandle(messages.get(i).receiptHandle()).build());
            }
            if (!deletes.isEmpty()) {
                sqs.deleteMessageBatch(r -> r.queueUrl(q.dlqUrl()).entries(deletes));
            }
            moved += deletes.size();
            if (!sent.failed().isEmpty()) {
                throw new IllegalStateException("redrive of " + view + " stopped after " + moved
                        + " messages: the queue refused " + sent.failed().size());
            }
        }
    }

    @Override
    public QueueStats stats(String view) {
        Queues q = queues(view);
        Map<QueueAttributeName, String> queue = attributes(q.queueUrl());
        Map<QueueAttributeName, String> dlq = attributes(q.dlqUrl());
        return new QueueStats(count(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(dlq, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), oldestAgeSeconds.apply(q.queueUrl()));
    }

    private Map<QueueAttributeName, String> attributes(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String v = attributes.get(name);
        return v == null ? 0 : Long.parseLong(v);
    }

    private Queues queues(String view) {
        Queues q = byView.get().get(view);
        if (q == null) {
            throw InvalidInputException.invalid("view", "\"" + view + "\" has no queues configured");
        }
        return q;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
