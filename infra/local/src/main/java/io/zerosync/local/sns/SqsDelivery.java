package io.zerosync.local.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers a published message to an SQS subscription: in the notification envelope AWS uses, or raw
 * (the message as the body, its attributes as SQS message attributes).
 */
final class SqsDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(SqsDelivery.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final SqsClient sqs;
    private final String endpointHost;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    SqsDelivery(SqsClient sqs, String endpointHost) {
        this.sqs = sqs;
        this.endpointHost = endpointHost;
    }

    record Published(String messageId, String topicArn, String subject, String message,
                     Map<String, QueryRequest.MessageAttribute> attributes, Instant at) {
    }

    void deliver(Topics.Subscription sub, Published p) {
        try {
            String url = queueUrls.computeIfAbsent(sub.endpoint, this::queueUrl);
            if (sub.raw()) {
                Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
                p.attributes().forEach((name, a) -> attributes.put(name, sqsAttribute(a)));
                sqs.sendMessage(r -> r.queueUrl(url).messageBody(p.message())
                        .messageAttributes(attributes.isEmpty() ? null : attributes));
            } else {
                sqs.sendMessage(r -> r.queueUrl(url).messageBody(envelope(sub, p)));
            }
        } catch (RuntimeException e) {
            failed(sub, p, e);
        }
    }

    /** A delivery that could not be made (also where an injected {@code sns-drop} ends). */
    void failed(Topics.Subscription sub, Published p, RuntimeException why) {
        // As on AWS, a subscriber that cannot take the message does not fail the publish.
        LOG.warn("delivery of {} to {} failed: {}", p.messageId(), sub.endpoint, why.getMessage());
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
