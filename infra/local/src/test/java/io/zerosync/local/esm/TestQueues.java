package io.zerosync.local.esm;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Queue set-up for the tests against a real ElasticMQ: unique names, so tests never share a queue. */
final class TestQueues {
    record Queue(String url, String arn) {
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final SqsClient sqs;

    TestQueues(SqsClient sqs) {
        this.sqs = sqs;
    }

    static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(endpoint)
                .build();
    }

    Queue create(String name, int visibilityTimeoutSeconds) {
        return create(name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)));
    }

    /** A queue whose RedrivePolicy moves a message to {@code dlq} on the receive after {@code maxReceiveCount}. */
    Queue createWithDlq(String name, int visibilityTimeoutSeconds, Queue dlq, int maxReceiveCount) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds));
        attributes.put(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}");
        return create(name, attributes);
    }

    private Queue create(String name, Map<QueueAttributeName, String> attributes) {
        String url = sqs.createQueue(b -> b.queueName(name + "-" + SEQUENCE.incrementAndGet()).attributes(attributes))
                .queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    /** Sends the bodies in as few SendMessageBatch calls as SQS allows, so they are all waiting together. */
    void sendAll(Queue queue, List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(bodies.size(), from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies.get(i)).build());
            }
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queue.url()).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("send failed: " + response.failed());
            }
        }
    }

    void send(Queue queue, String body) {
        sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(body));
    }

    /** Messages the queue still holds: visible, in flight or delayed. Zero means all were deleted (or moved). */
    int messagesLeft(Queue queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue.url()).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    String counts(Queue queue) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queue.url()).attributeNamesWithStrings("All")).attributesAsStrings()
                .toString();
    }

    int messagesInFlight(Queue queue) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queue.url())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Takes whatever is visible in a queue now (short poll), e.g. to look into a DLQ. */
    List<Message> drain(Queue queue) {
        return sqs.receiveMessage(b -> b.queueUrl(queue.url()).maxNumberOfMessages(10).waitTimeSeconds(0)
                .messageSystemAttributeNamesWithStrings("All")).messages();
    }
}
