package io.zerosync.local.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.local.emulators.ElasticMqServer;
import io.zerosync.local.emulators.LocalAws;
import io.zerosync.local.faults.FaultRates;
import io.zerosync.local.faults.Faults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.zerosync.local.testing.Eventually.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SNS faults observed where they land: on real ElasticMQ queues, through the unmodified SDK clients. */
class DeliveryFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ElasticMqServer elasticMq;
    private static SqsClient sqs;
    private static Faults faults;
    private static SnsEndpoint endpoint;
    private static SnsClient sns;

    @BeforeAll
    static void start() {
        elasticMq = ElasticMqServer.start(0);
        sqs = LocalAws.syncClient(SqsClient.builder(), elasticMq.endpoint());
        faults = new Faults(false, 11);
        endpoint = SnsEndpoint.start(0, sqs, LocalAws.REGION, LocalAws.ACCOUNT_ID, faults);
        sns = LocalAws.syncClient(SnsClient.builder(), endpoint.endpoint());
    }

    @AfterAll
    static void stop() {
        sns.close();
        endpoint.close();
        sqs.close();
        elasticMq.close();
    }

    @AfterEach
    void faultsOff() {
        faults.set(FaultRates.none());
    }

    private record Wired(String topicArn, String queueUrl) {
    }

    private static Wired wire() {
        String name = "f" + UUID.randomUUID().toString().substring(0, 8);
        String topicArn = sns.createTopic(r -> r.name(name)).topicArn();
        String queueUrl = sqs.createQueue(r -> r.queueName(name + "-q")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return new Wired(topicArn, queueUrl);
    }

    /** Every message on the queue, in the order received, up to and including the "marker" published last. */
    private static List<String> drainThroughMarker(Wired w) {
        sns.publish(r -> r.topicArn(w.topicArn()).message("marker"));
        List<String> got = new ArrayList<>();
        awaitUntil("the marker arrived", () -> {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(w.queueUrl()).maxNumberOfMessages(10)).messages()) {
                got.add(message(m));
                sqs.deleteMessage(r -> r.queueUrl(w.queueUrl()).receiptHandle(m.receiptHandle()));
            }
            return got.contains("marker");
        });
        got.remove("marker");
        return got;
    }

    private static String message(Message m) {
        try {
            return JSON.readTree(m.body()).get("Message").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Integer> copies(List<String> messages) {
        Map<String, Integer> copies = new HashMap<>();
        messages.forEach(m -> copies.merge(m, 1, Integer::sum));
        return copies;
    }

    @Test
    void dropsDeliveriesAtTheRate_observedOnTheQueue() {
        Wired w = wire();
        long before = faults.injected().get("sns-drop");
        faults.set(FaultRates.parse("sns-drop=0.25"));
        for (int i = 0; i < 200; i++) {
            int n = i;
            sns.publish(r -> r.topicArn(w.topicArn()).message("m" + n));
        }
        faults.set(FaultRates.none());
        List<String> delivered = drainThroughMarker(w);
        long dropped = faults.injected().get("sns-drop") - before;
        assertEquals(200 - dropped, delivered.size());
        assertTrue(dropped > 25 && dropped < 75, "about 25% of 200, was " + dropped);
        assertTrue(copies(delivered).values().stream().allMatch(n -> n == 1));
    }

    @Test
    void duplicatesDeliveriesAtTheRate_observedOnTheQueue() {
        Wired w = wire();
        long before = faults.injected().get("sns-duplicate");
        faults.set(FaultRates.parse("sns-duplicate=0.25"));
        for (int i = 0; i < 200; i++) {
            int n = i;
            sns.publish(r -> r.topicArn(w.topicArn()).message("m" + n));
        }
        faults.set(FaultRates.none());
        List<String> delivered = drainThroughMarker(w);
        long duplicated = faults.injected().get("sns-duplicate") - before;
        Map<String, Integer> copies = copies(delivered);
        assertEquals(200, copies.size());
        assertEquals(duplicated, copies.values().stream().filter(n -> n == 2).count());
        assertTrue(duplicated > 25 && duplicated < 75, "about 25% of 200, was " + duplicated);
    }

    @Test
    void deliversAReorderedMessageAfterTheNextOne_toTheSameSubscription() {
        Wired w = wire();
        faults.set(FaultRates.parse("sns-reorder=1,sns-max-delay-ms=60000"));
        sns.publish(r -> r.topicArn(w.topicArn()).message("first"));
        faults.set(FaultRates.parse("sns-max-delay-ms=60000"));
        assertEquals(1, faults.heldBack());
        sns.publish(r -> r.topicArn(w.topicArn()).message("second"));
        assertEquals(List.of("second", "first"), drainThroughMarker(w));
        assertEquals(0, faults.heldBack());
    }

    @Test
    void deliversADelayedMessageLater_andLosesNone() {
        Wired w = wire();
        long before = faults.injected().get("sns-delay");
        faults.set(FaultRates.parse("sns-delay=1,sns-max-delay-ms=200"));
        for (int i = 0; i < 5; i++) {
            int n = i;
            sns.publish(r -> r.topicArn(w.topicArn()).message("d" + n));
        }
        faults.set(FaultRates.none());
        awaitUntil("every delayed delivery went out", () -> faults.heldBack() == 0);
        assertEquals(5, faults.injected().get("sns-delay") - before);
        assertEquals(5, copies(drainThroughMarker(w)).size());
    }

    @Test
    void failsPublishWithSnsOwn500_whichTheSdkRetriesPerAttempt() {
        Wired w = wire();
        long before = faults.injected().get("sns-publish-error");
        faults.set(FaultRates.parse("sns-publish-error=1"));
        InternalErrorException failed = assertThrows(InternalErrorException.class,
                () -> sns.publish(r -> r.topicArn(w.topicArn()).message("never")));
        assertEquals(500, failed.statusCode());
        long attempts = faults.injected().get("sns-publish-error") - before;
        assertTrue(attempts > 1, "the SDK retried, injected " + attempts);
        faults.set(FaultRates.none());
        assertEquals(List.of(), drainThroughMarker(w));
    }
}
