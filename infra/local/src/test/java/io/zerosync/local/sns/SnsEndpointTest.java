package io.zerosync.local.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.local.emulators.ElasticMqServer;
import io.zerosync.local.emulators.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SNS endpoint held to AWS behaviour through the unmodified SDK clients, delivering to real ElasticMQ. */
class SnsEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ElasticMqServer elasticMq;
    private static SnsEndpoint endpoint;
    private static SqsClient sqs;
    private static SnsClient sns;

    @BeforeAll
    static void start() {
        elasticMq = ElasticMqServer.start(0);
        sqs = LocalAws.syncClient(SqsClient.builder(), elasticMq.endpoint());
        endpoint = SnsEndpoint.start(0, sqs, LocalAws.REGION, LocalAws.ACCOUNT_ID);
        sns = LocalAws.syncClient(SnsClient.builder(), endpoint.endpoint());
    }

    @AfterAll
    static void stop() {
        sns.close();
        endpoint.close();
        sqs.close();
        elasticMq.close();
    }

    private record Wired(String topicArn, String queueUrl, String subscriptionArn) {
    }

    private static Wired wire(Map<String, String> subscriptionAttributes) {
        String name = "t" + UUID.randomUUID().toString().substring(0, 8);
        String topicArn = sns.createTopic(r -> r.name(name)).topicArn();
        String queueUrl = sqs.createQueue(r -> r.queueName(name + "-q")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String sub = sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(subscriptionAttributes).returnSubscriptionArn(true)).subscriptionArn();
        return new Wired(topicArn, queueUrl, sub);
    }

    private static List<Message> drain(String queueUrl, int expected) {
        List<Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (got.size() < expected && System.nanoTime() < deadline) {
            got.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages());
        }
        return got;
    }

    /** Nothing more arrives: publish a marker that matches and check it is the only thing there. */
    private static List<Message> allDelivered(Wired w, Map<String, MessageAttributeValue> markerAttributes) {
        sns.publish(r -> r.topicArn(w.topicArn()).message("marker").messageAttributes(markerAttributes));
        List<Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (got.stream().noneMatch(m -> m.body().contains("marker")) && System.nanoTime() < deadline) {
            got.addAll(sqs.receiveMessage(r -> r.queueUrl(w.queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
        }
        return got;
    }

    private static MessageAttributeValue string(String v) {
        return MessageAttributeValue.builder().dataType("String").stringValue(v).build();
    }

    private static MessageAttributeValue number(String v) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(v).build();
    }

    @Test
    void deliversTheNotificationEnvelope_withAwsFieldsAndTypes() throws Exception {
        Wired w = wire(Map.of());

        String messageId = sns.publish(r -> r.topicArn(w.topicArn()).message("{\"shopId\":\"s1\"}").subject("hello")
                .messageAttributes(Map.of("type", string("ShopChanged"), "n", number("7")))).messageId();

        JsonNode envelope = JSON.readTree(drain(w.queueUrl(), 1).get(0).body());
        assertEquals("Notification", envelope.get("Type").asText());
        assertEquals(messageId, envelope.get("MessageId").asText());
        assertEquals(w.topicArn(), envelope.get("TopicArn").asText());
        assertEquals("hello", envelope.get("Subject").asText());
        assertEquals("{\"shopId\":\"s1\"}", envelope.get("Message").asText());
        assertTrue(envelope.get("Message").isTextual(), "Message is a string, not nested JSON");
        assertTrue(envelope.get("Timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals("1", envelope.get("SignatureVersion").asText());
        for (String field : List.of("Signature", "SigningCertURL", "UnsubscribeURL")) {
            assertTrue(envelope.get(field).isTextual(), field);
        }
        assertEquals("String", envelope.at("/MessageAttributes/type/Type").asText());
        assertEquals("ShopChanged", envelope.at("/MessageAttributes/type/Value").asText());
        assertEquals("Number", envelope.at("/MessageAttributes/n/Type").asText());
        assertEquals("7", envelope.at("/MessageAttributes/n/Value").asText());
    }

    @Test
    void rawDeliveryPassesTheBodyAndAttributesThrough() {
        Wired w = wire(Map.of("RawMessageDelivery", "true"));

        sns.publish(r -> r.topicArn(w.topicArn()).message("{\"raw\":true}").messageAttributes(Map.of("type", string("ShopChanged"))));

        Message m = drain(w.queueUrl(), 1).get(0);
        assertEquals("{\"raw\":true}", m.body());
        assertEquals("ShopChanged", m.messageAttributes().get("type").stringValue());
    }

    @Test
    void filterPoliciesDeliverOnlyWhatMatches() {
        Wired w = wire(Map.of("RawMessageDelivery", "true", "FilterPolicy",
                "{\"type\":[\"ShopChanged\"],\"region\":[{\"anything-but\":[\"eu\"]}],"
                        + "\"city\":[{\"prefix\":\"Bus\"}],\"version\":[{\"numeric\":[\">\",0,\"<=\",10]}]}"));
        Map<String, MessageAttributeValue> good = Map.of("type", string("ShopChanged"), "region", string("kr"),
                "city", string("Busan"), "version", number("7"));

        sns.publish(r -> r.topicArn(w.topicArn()).message("good").messageAttributes(good));
        sns.publish(r -> r.topicArn(w.topicArn()).message("wrong-type").messageAttributes(with(good, "type", string("Other"))));
        sns.publish(r -> r.topicArn(w.topicArn()).message("excluded-region").messageAttributes(with(good, "region", string("eu"))));
        sns.publish(r -> r.topicArn(w.topicArn()).message("wrong-prefix").messageAttributes(with(good, "city", string("Seoul"))));
        sns.publish(r -> r.topicArn(w.topicArn()).message("out-of-range").messageAttributes(with(good, "version", number("11"))));
        sns.publish(r -> r.topicArn(w.topicArn()).message("missing-attribute").messageAttributes(Map.of("type", string("ShopChanged"))));

        List<String> bodies = allDelivered(w, good).stream().map(Message::body).sorted().toList();
        assertEquals(List.of("good", "marker"), bodies);
    }

    @Test
    void existsAndBodyScopePoliciesWork() {
        Wired exists = wire(Map.of("RawMessageDelivery", "true", "FilterPolicy", "{\"trace\":[{\"exists\":false}]}"));
        sns.publish(r -> r.topicArn(exists.topicArn()).message("traced").messageAttributes(Map.of("trace", string("x"))));
        assertEquals(List.of("marker"), allDelivered(exists, Map.of()).stream().map(Message::body).toList());

        Wired body = wire(Map.of("RawMessageDelivery", "true", "FilterPolicyScope", "MessageBody",
                "FilterPolicy", "{\"shop\":{\"category\":[\"korean\"]}}"));
        sns.publish(r -> r.topicArn(body.topicArn()).message("{\"shop\":{\"category\":\"korean\"}}"));
        sns.publish(r -> r.topicArn(body.topicArn()).message("{\"shop\":{\"category\":\"thai\"}}"));
        assertEquals(1, drain(body.queueUrl(), 1).size());
    }

    private static String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    @Test
    void sendsTheEnvelopeToTheSubscriptionsDlq_whenItsQueueIsGone() throws Exception {
        Wired w = wire(Map.of());
        String dlqUrl = sqs.createQueue(r -> r.queueName("dlq-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        String policy = "{\"deadLetterTargetArn\":\"" + queueArn(dlqUrl) + "\"}";
        sns.setSubscriptionAttributes(r -> r.subscriptionArn(w.subscriptionArn()).attributeName("RedrivePolicy")
                .attributeValue(policy));
        assertEquals(policy, sns.getSubscriptionAttributes(r -> r.subscriptionArn(w.subscriptionArn()))
                .attributes().get("RedrivePolicy"));
        SnsDeliveryStats before = endpoint.deliveryStats();
        sqs.deleteQueue(r -> r.queueUrl(w.queueUrl()));

        String messageId = sns.publish(r -> r.topicArn(w.topicArn()).message("{\"shopId\":\"s9\"}")
                .messageAttributes(Map.of("type", string("ShopChanged")))).messageId();

        JsonNode envelope = JSON.readTree(drain(dlqUrl, 1).get(0).body());
        assertEquals("Notification", envelope.get("Type").asText(), "the DLQ holds what the queue would have got");
        assertEquals(messageId, envelope.get("MessageId").asText());
        assertEquals("{\"shopId\":\"s9\"}", envelope.get("Message").asText());
        assertEquals("ShopChanged", envelope.at("/MessageAttributes/type/Value").asText());
        SnsDeliveryStats after = endpoint.deliveryStats();
        assertEquals(before.notificationsFailed() + 1, after.notificationsFailed());
        assertEquals(before.notificationsRedrivenToDlq() + 1, after.notificationsRedrivenToDlq());
        assertEquals(before.notificationsFailedToRedriveToDlq(), after.notificationsFailedToRedriveToDlq());
    }

    @Test
    void countsTheFailedDelivery_whenTheSubscriptionHasNoDlq() {
        Wired w = wire(Map.of());
        SnsDeliveryStats before = endpoint.deliveryStats();
        sqs.deleteQueue(r -> r.queueUrl(w.queueUrl()));

        sns.publish(r -> r.topicArn(w.topicArn()).message("lost")); // still answers: delivery is not the publisher's failure

        SnsDeliveryStats after = endpoint.deliveryStats();
        assertEquals(before.notificationsFailed() + 1, after.notificationsFailed());
        assertEquals(before.notificationsRedrivenToDlq(), after.notificationsRedrivenToDlq());
    }

    @Test
    void takesARedrivePolicyOnSubscribe_andRejectsOneWithoutAQueueArn() {
        String dlqArn = queueArn(sqs.createQueue(r -> r.queueName("dlq-" + UUID.randomUUID().toString().substring(0, 8)))
                .queueUrl());
        Wired w = wire(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\"}"));
        assertTrue(sns.getSubscriptionAttributes(r -> r.subscriptionArn(w.subscriptionArn())).attributes()
                .get("RedrivePolicy").contains(dlqArn));

        assertThrows(InvalidParameterException.class, () -> wire(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"nope\"}")));
        assertThrows(InvalidParameterException.class, () -> sns.setSubscriptionAttributes(r -> r
                .subscriptionArn(w.subscriptionArn()).attributeName("RedrivePolicy").attributeValue("not json")));
        assertTrue(sns.getSubscriptionAttributes(r -> r.subscriptionArn(w.subscriptionArn())).attributes()
                .get("RedrivePolicy").contains(dlqArn), "a refused change leaves the policy as it was");
    }

    @Test
    void rejectsAnInvalidFilterPolicy() {
        assertThrows(InvalidParameterException.class, () -> wire(Map.of("FilterPolicy", "{\"type\":\"not-an-array\"}")));
        assertThrows(InvalidParameterException.class, () -> wire(Map.of("FilterPolicy", "{\"n\":[{\"numeric\":[\"~\",1]}]}")));
    }

    @Test
    void publishBatchReportsPartialFailure_andDeliversTheGoodEntries() {
        Wired w = wire(Map.of("RawMessageDelivery", "true"));

        PublishBatchResponse response = sns.publishBatch(r -> r.topicArn(w.topicArn()).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("ok1").message("one").build(),
                PublishBatchRequestEntry.builder().id("bad").message("").build(),
                PublishBatchRequestEntry.builder().id("ok2").message("two").build()));

        assertEquals(List.of("ok1", "ok2"), response.successful().stream().map(s -> s.id()).toList());
        assertTrue(response.successful().stream().allMatch(s -> s.messageId() != null));
        assertEquals(1, response.failed().size());
        assertEquals("bad", response.failed().get(0).id());
        assertEquals("InvalidParameter", response.failed().get(0).code());
        assertTrue(response.failed().get(0).senderFault());
        assertEquals(List.of("one", "two"), drain(w.queueUrl(), 2).stream().map(Message::body).sorted().toList());
    }

    @Test
    void unknownTopicIsNotFound_andUnsubscribeStopsDelivery() {
        assertThrows(NotFoundException.class, () -> sns.publish(r -> r.topicArn(
                "arn:aws:sns:us-east-1:000000000000:nope").message("x")));

        Wired w = wire(Map.of("RawMessageDelivery", "true"));
        var subs = sns.listSubscriptionsByTopic(r -> r.topicArn(w.topicArn())).subscriptions();
        assertEquals(1, subs.size());
        assertEquals("sqs", subs.get(0).protocol());
        assertEquals("true", sns.getSubscriptionAttributes(r -> r.subscriptionArn(w.subscriptionArn()))
                .attributes().get("RawMessageDelivery"));

        sns.unsubscribe(r -> r.subscriptionArn(w.subscriptionArn()));
        sns.publish(r -> r.topicArn(w.topicArn()).message("after"));
        assertTrue(sqs.receiveMessage(r -> r.queueUrl(w.queueUrl()).waitTimeSeconds(1)).messages().isEmpty());
    }

    private static Map<String, MessageAttributeValue> with(Map<String, MessageAttributeValue> base, String k,
                                                           MessageAttributeValue v) {
        Map<String, MessageAttributeValue> m = new java.util.HashMap<>(base);
        m.put(k, v);
        return m;
    }
}
