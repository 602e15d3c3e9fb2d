package io.zerosync.local.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Topics and their subscriptions, thread-safe. */
final class Topics {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String region;
    private final String accountId;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    Topics(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    static final class Topic {
        final String arn;
        final Map<String, String> attributes = new ConcurrentHashMap<>();
        final Map<String, String> tags = new ConcurrentHashMap<>();

        Topic(String arn) {
            this.arn = arn;
        }
    }

    static final class Subscription {
        final String arn;
        final String topicArn;
        final String protocol;
        final String endpoint;
        final Map<String, String> attributes = new ConcurrentHashMap<>();
        volatile FilterPolicy filter;
        /** The DLQ of the RedrivePolicy attribute, or null without one. */
        volatile String deadLetterTargetArn;

        Subscription(String arn, String topicArn, String protocol, String endpoint) {
            this.arn = arn;
            this.topicArn = topicArn;
            this.protocol = protocol;
            this.endpoint = endpoint;
        }

        String deadLetterTargetArn() {
            return deadLetterTargetArn;
        }

        boolean raw() {
            return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
        }
    }

    synchronized Topic create(String name) {
        if (!name.matches("[A-Za-z0-9_-]{1,256}(\\.fifo)?")) {
            throw SnsError.invalidParameter("Topic Name");
        }
        String arn = "arn:aws:sns:" + region + ":" + accountId + ":" + name;
        return topics.computeIfAbsent(arn, Topic::new);
    }

    Topic topic(String arn) {
        Topic topic = arn == null ? null : topics.get(arn);
        if (topic == null) {
            throw SnsError.notFound("Topic does not exist");
        }
        return topic;
    }

    void delete(String arn) {
        topics.remove(arn);
        subscriptions.values().removeIf(s -> s.topicArn.equals(arn));
    }

    List<Topic> topics() {
        return new ArrayList<>(topics.values());
    }

    synchronized Subscription subscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
        topic(topicArn);
        Optional<Subscription> existing = subscriptions.values().stream()
                .filter(s -> s.topicArn.equals(topicArn) && s.protocol.equals(protocol) && s.endpoint.equals(endpoint))
                .findFirst();
        Subscription sub = existing.orElseGet(() -> new Subscription(topicArn + ":" + UUID.randomUUID(), topicArn, protocol, endpoint));
        Map<String, String> merged = new LinkedHashMap<>(sub.attributes);
        merged.putAll(attributes);
        FilterPolicy filter = filterOf(merged);
        String deadLetterTarget = deadLetterTargetOf(merged);
        sub.filter = filter;
        sub.deadLetterTargetArn = deadLetterTarget;
        sub.attributes.putAll(attributes);
        subscriptions.put(sub.arn, sub);
        return sub;
    }

    Subscription subscription(String arn) {
        Subscription sub = arn == null ? null : subscriptions.get(arn);
        if (sub == null) {
            throw SnsError.notFound("Subscription does not exist");
        }
        return sub;
    }

    void setAttribute(Subscription sub, String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(sub.attributes);
        merged.put(name, value);
        if (value == null || value.isEmpty()) {
            merged.remove(name);
        }
        FilterPolicy filter = filterOf(merged);
        String deadLetterTarget = deadLetterTargetOf(merged);
        sub.filter = filter;
        sub.deadLetterTargetArn = deadLetterTarget;
        if (value == null || value.isEmpty()) {
            sub.attributes.remove(name);
        } else {
            sub.attributes.put(name, value);
        }
    }

    void unsubscribe(String arn) {
        subscriptions.remove(arn);
    }

    List<Subscription> subscriptions(String topicArn) {
        return subscriptions.values().stream().filter(s -> topicArn == null || s.topicArn.equals(topicArn)).toList();
    }

    /** Validated as SNS does: a JSON object whose deadLetterTargetArn is an SQS queue ARN. */
    private static String deadLetterTargetOf(Map<String, String> attributes) {
        String policy = attributes.get("RedrivePolicy");
        if (policy == null || policy.isBlank()) {
            return null;
        }
        try {
            JsonNode target = JSON.readTree(policy).path("deadLetterTargetArn");
            if (target.isTextual() && target.asText().matches("arn:aws[a-z-]*:sqs:[^:]+:[^:]+:[^:]+")) {
                return target.asText();
            }
        } catch (JsonProcessingException e) {
            // falls through to the error below
        }
        throw SnsError.invalidParameter("RedrivePolicy: deadLetterTargetArn must be an SQS queue ARN in a JSON object");
    }

    private static FilterPolicy filterOf(Map<String, String> attributes) {
        String policy = attributes.get("FilterPolicy");
        return policy == null || policy.isBlank() ? null : FilterPolicy.parse(policy, attributes.get("FilterPolicyScope"));
    }
}
