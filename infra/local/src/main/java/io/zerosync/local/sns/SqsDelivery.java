package io.zerosync.local.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers a published message to an SQS subscription: in the notification envelope AWS uses, or raw
 * (the message as the body, its attributes as SQS message attributes). A delivery SQS refuses, or that
 * still fails after a few attempts, goes to {@link DeliveryFailures} (the subscription's DLQ, or counted lost).
 */
final class SqsDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(SqsDelivery.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Attempts per delivery when SQS fails on its side (5xx, throttling, no connection); a refusal is final. */
    static final int ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String endpointHost;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final DeliveryFailures failures = new DeliveryFailures(this::send);
    private volatile QueueSendPolicies policies = QueueSendPolicies.NONE;

    SqsDelivery(SqsClient sqs, String endpointHost) {
        this.sqs = sqs;
        this.endpointHost = endpointHost;
    }

    record Published(String messageId, String topicArn, String subject, String message,
                     Map<String, QueryRequest.MessageAttribute> attributes, Instant at, String traceHeader) {
    }

    /**
     * An SQS message as SNS sends it to a subscription: its body, (raw delivery only) attributes, and the
     * publisher's trace header (null when it sent none), which SQS keeps as the system attribute AWSTraceHeader.
     */
    record Outgoing(String body, Map<String, MessageAttributeValue> attributes, String traceHeader, String topicArn) {
    }

    /** From now on a delivery (to a queue or a subscription's DLQ) needs the queue's policy to let the topic send. */
    void checkPolicies(QueueSendPolicies policies) {
        this.policies = policies;
    }

    void deliver(Topics.Subscription sub, Published p) {
        Outgoing message = outgoing(sub, p);
        for (int attempt = 1; ; attempt++) {
            try {
                send(sub.endpoint, message);
                return;
            } catch (RuntimeException e) {
                // As on AWS, a subscriber that cannot take the message does not fail the publish.
                if (refusedBySqs(e) || attempt >= ATTEMPTS) {
                    failures.undeliverable(sub, p.messageId(), message, e);
                    return;
                }
                LOG.debug("delivery of {} to {} failed (attempt {}), retrying: {}", p.messageId(), sub.endpoint,
                        attempt, e.getMessage());
                pause(attempt);
            }
        }
    }

    /**
     * A delivery that failed for good, as an injected {@code sns-drop} does: SNS hands it to the
     * subscription's DLQ when it has one, as it does with any message it could not deliver.
     */
    void failed(Topics.Subscription sub, Published p, RuntimeException why) {
        failures.undeliverable(sub, p.messageId(), outgoing(sub, p), why);
    }

    SnsDeliveryStats stats() {
        return failures.stats();
    }

    private Outgoing outgoing(Topics.Subscription sub, Published p) {
        if (!sub.raw()) {
            return new Outgoing(envelope(sub, p), Map.of(), p.traceHeader(), p.topicArn());
        }
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        p.attributes().forEach((name, a) -> attributes.put(name, sqsAttribute(a)));
        return new Outgoing(p.message(), attributes, p.traceHeader(), p.topicArn());
    }

    /** Sends to the queue with that ARN; a queue that is gone is looked up afresh next time. */
    private void send(String queueArn, Outgoing message) {
        if (!policies.allows(queueArn, message.topicArn())) {
            // What SQS answers SNS when the queue's policy does not let the topic send: a refusal, not retried.
            throw SqsException.builder().statusCode(403).message("Access to the resource " + queueArn + " is denied.")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").serviceName("SQS")
                            .errorMessage("Access to the resource " + queueArn + " is denied.").build()).build();
        }
        try {
            String url = queueUrls.computeIfAbsent(queueArn, this::queueUrl);
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(message.body())
                    .messageAttributes(message.attributes().isEmpty() ? null : message.attributes())
                    .messageSystemAttributes(message.traceHeader() == null ? null : Map.of(
                            MessageSystemAttributeNameForSends.AWS_TRACE_HEADER, MessageSystemAttributeValue.builder()
                                    .dataType("String").stringValue(message.traceHeader()).build())));
        } catch (RuntimeException e) {
            queueUrls.remove(queueArn);
            throw e;
        }
    }

    /** A client-side failure (no such queue, access denied, message refused): retrying cannot help. */
    private static boolean refusedBySqs(RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
            return true;
        }
        return e instanceof AwsServiceException a && a.statusCode() >= 400 && a.statusCode() < 500
                && !a.isThrottlingException();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String envelope(Topics.Subscription sub, Published p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "Notification");
        n.put("MessageId", p.messageId());
        n.put("TopicArn", p.topicArn());
        if (p.subject() != null) {
            n.put("Subject", p.subject());
        }
        n.put("Message", p.message());
        n.put("Timestamp", TIMESTAMP.format(p.at()));
        n.put("SignatureVersion", "1");
        n.put("Signature", Base64.getEncoder().encodeToString(("local:" + p.messageId()).getBytes()));
        n.put("SigningCertURL", endpointHost + "/SimpleNotificationService-local.pem");
        n.put("UnsubscribeURL", endpointHost + "/?Action=Unsubscribe&SubscriptionArn=" + sub.arn);
        if (!p.attributes().isEmpty()) {
            ObjectNode attributes = n.putObject("MessageAttributes");
            p.attributes().forEach((name, a) -> attributes.putObject(name).put("Type", a.type())
                    .put("Value", a.binary() != null ? a.binary() : a.value()));
        }
        return n.toString();
    }

    private static MessageAttributeValue sqsAttribute(QueryRequest.MessageAttribute a) {
        if (a.type().startsWith("Binary")) {
            return MessageAttributeValue.builder().dataType(a.type())
                    .binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(a.binary()))).build();
        }
        String type = a.type().startsWith("String.Array") ? "String" : a.type();
        return MessageAttributeValue.builder().dataType(type).stringValue(a.value()).build();
    }

    private String queueUrl(String queueArn) {
        String[] parts = queueArn.split(":");
        if (parts.length < 6 || !"sqs".equals(parts[2])) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        return sqs.getQueueUrl(r -> r.queueName(parts[5])).queueUrl();
    }
}
