package io.zerosync.local.sns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zerosync.local.faults.FaultKind;
import io.zerosync.local.faults.Faults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An SNS endpoint that speaks SNS's wire protocol (AWS Query in, XML out), so the unmodified AWS SDKs
 * and the AWS CLI work against it, and delivers to SQS subscriptions the way SNS does. Delivery happens
 * before Publish answers, so a 200 means the message is on every matching queue.
 */
public final class SnsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnsEndpoint.class);
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Topics topics;
    private final SqsDelivery delivery;
    private final String accountId;
    private final Faults faults;
    private final DeliveryFaults deliveryFaults;

    private SnsEndpoint(HttpServer server, ExecutorService executor, Topics topics, SqsDelivery delivery, String accountId,
                        Faults faults) {
        this.server = server;
        this.executor = executor;
        this.topics = topics;
        this.delivery = delivery;
        this.accountId = accountId;
        this.faults = faults;
        this.deliveryFaults = new DeliveryFaults(faults, delivery);
    }

    /** Starts on {@code port} (0: any free port), delivering to SQS through {@code sqs}. */
    public static SnsEndpoint start(int port, SqsClient sqs, String region, String accountId) {
        return start(port, sqs, region, accountId, Faults.off());
    }

    /** As {@link #start(int, SqsClient, String, String)}, injecting the SNS faults {@code faults} asks for. */
    public static SnsEndpoint start(int port, SqsClient sqs, String region, String accountId, Faults faults) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 64);
            ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "sns-endpoint");
                t.setDaemon(true);
                return t;
            });
            Topics topics = new Topics(region, accountId);
            String host = "http://localhost:" + server.getAddress().getPort();
            SnsEndpoint endpoint = new SnsEndpoint(server, executor, topics, new SqsDelivery(sqs, host), accountId, faults);
            server.createContext("/", endpoint::handle);
            server.setExecutor(executor);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new IllegalStateException("SNS endpoint did not start on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Deliveries that failed, were redriven to a subscription's DLQ, or were lost although a DLQ exists. */
    /** Deliveries need the queue policies to let the topic send (see {@link QueueSendPolicies}). */
    public void checkQueuePolicies(QueueSendPolicies policies) {
        delivery.checkPolicies(policies);
    }

    public SnsDeliveryStats deliveryStats() {
        return delivery.stats();
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        deliveryFaults.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        int status = 200;
        try {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if ("GET".equals(exchange.getRequestMethod()) && exchange.getRequestURI().getRawQuery() != null) {
                form = exchange.getRequestURI().getRawQuery();
            }
            QueryRequest request = QueryRequest.parse(form);
            String action = request.action();
            if (action == null) {
                throw new SnsError("MissingAction", 400, "Missing Action");
            }
            // SNS hands the publisher's X-Ray trace header on to SQS subscriptions as AWSTraceHeader.
            body = XmlResponse.ok(action, dispatch(action, request,
                    exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id")));
        } catch (SnsError e) {
            status = e.status;
            body = XmlResponse.error(e);
        } catch (RuntimeException e) {
            LOG.warn("SNS endpoint failed", e);
            SnsError internal = new SnsError("InternalError", 500, String.valueOf(e.getMessage()), false);
            status = 500;
            body = XmlResponse.error(internal);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String dispatch(String action, QueryRequest r, String traceHeader) {
        switch (action) {
            case "CreateTopic": {
                Topics.Topic topic = topics.create(r.require("Name"));
                topic.attributes.putAll(r.map("Attributes"));
                return XmlResponse.element("TopicArn", topic.arn);
            }
            case "DeleteTopic":
                topics.delete(r.require("TopicArn"));
                return null;
            case "ListTopics": {
                StringBuilder out = new StringBuilder("<Topics>");
                topics.topics().forEach(t -> out.append("<member>").append(XmlResponse.element("TopicArn", t.arn)).append("</member>"));
                return out.append("</Topics>").toString();
            }
            case "GetTopicAttributes": {
                Topics.Topic topic = topics.topic(r.require("TopicArn"));
                Map<String, String> attributes = new LinkedHashMap<>(topic.attributes);
                attributes.put("TopicArn", topic.arn);
                attributes.put("Owner", accountId);
                attributes.putIfAbsent("DisplayName", "");
                List<Topics.Subscription> subs = topics.subscriptions(topic.arn);
                attributes.put("SubscriptionsConfirmed", Integer.toString(subs.size()));
                attributes.put("SubscriptionsPending", "0");
                attributes.put("SubscriptionsDeleted", "0");
                return "<Attributes>" + XmlResponse.entries(attributes) + "</Attributes>";
            }
            case "SetTopicAttributes":
                topics.topic(r.require("TopicArn")).attributes.put(r.require("AttributeName"),
                        r.get("AttributeValue") == null ? "" : r.get("AttributeValue"));
                return null;
            case "Subscribe":
                return subscribe(r);
            case "Unsubscribe":
                topics.unsubscribe(r.require("SubscriptionArn"));
                return null;
            case "ListSubscriptions":
                return subscriptionList(topics.subscriptions(null));
            case "ListSubscriptionsByTopic":
                return subscriptionList(topics.subscriptions(topics.topic(r.require("TopicArn")).arn));
            case "GetSubscriptionAttributes":
                return "<Attributes>" + XmlResponse.entries(attributesOf(topics.subscription(r.require("SubscriptionArn"))))
                        + "</Attributes>";
            case "SetSubscriptionAttributes":
                topics.setAttribute(topics.subscription(r.require("SubscriptionArn")), r.require("AttributeName"),
                        r.get("AttributeValue"));
                return null;
            case "Publish":
                failAttemptIfInjected();
                return XmlResponse.element("MessageId", publish(topicOf(r), r.get("Subject"), r.get("Message"),
                        r.messageAttributes(), traceHeader));
            case "PublishBatch":
                failAttemptIfInjected();
                return publishBatch(r, traceHeader);
            case "TagResource": {
                Topics.Topic topic = topics.topic(r.require("ResourceArn"));
                r.members("Tags", "member").forEach(t -> topic.tags.put(t.get("Key"), t.get("Value")));
                return null;
            }
            case "UntagResource": {
                Topics.Topic topic = topics.topic(r.require("ResourceArn"));
                for (int i = 1; r.get("TagKeys.member." + i) != null; i++) {
                    topic.tags.remove(r.get("TagKeys.member." + i));
                }
                return null;
            }
            case "ListTagsForResource": {
                StringBuilder out = new StringBuilder("<Tags>");
                topics.topic(r.require("ResourceArn")).tags.forEach((k, v) -> out.append("<member>")
                        .append(XmlResponse.element("Key", k)).append(XmlResponse.element("Value", v)).append("</member>"));
                return out.append("</Tags>").toString();
            }
            default:
                throw new SnsError("InvalidAction", 400, "The action " + action + " is not valid for this endpoint.");
        }
    }

    private String subscribe(QueryRequest r) {
        String topicArn = r.require("TopicArn");
        String protocol = r.require("Protocol");
        if (!protocol.equals("sqs")) {
            throw SnsError.invalidParameter("Protocol: only sqs subscriptions are supported locally, not " + protocol);
        }
        String endpoint = r.require("Endpoint");
        if (!endpoint.startsWith("arn:aws:sqs:")) {
            throw SnsError.invalidParameter("SQS endpoint ARN");
        }
        Topics.Subscription sub = topics.subscribe(topicArn, protocol, endpoint, r.map("Attributes"));
        return XmlResponse.element("SubscriptionArn", sub.arn);
    }

    private String subscriptionList(List<Topics.Subscription> subs) {
        StringBuilder out = new StringBuilder("<Subscriptions>");
        for (Topics.Subscription s : subs) {
            out.append("<member>").append(XmlResponse.element("TopicArn", s.topicArn))
                    .append(XmlResponse.element("Protocol", s.protocol))
                    .append(XmlResponse.element("SubscriptionArn", s.arn))
                    .append(XmlResponse.element("Owner", accountId))
                    .append(XmlResponse.element("Endpoint", s.endpoint)).append("</member>");
        }
        return out.append("</Subscriptions>").toString();
    }

    private Map<String, String> attributesOf(Topics.Subscription s) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("SubscriptionArn", s.arn);
        attributes.put("TopicArn", s.topicArn);
        attributes.put("Protocol", s.protocol);
        attributes.put("Endpoint", s.endpoint);
        attributes.put("Owner", accountId);
        attributes.put("PendingConfirmation", "false");
        attributes.put("ConfirmationWasAuthenticated", "true");
        attributes.put("RawMessageDelivery", Boolean.toString(s.raw()));
        attributes.putAll(s.attributes);
        return attributes;
    }

    private String topicOf(QueryRequest r) {
        String arn = r.get("TopicArn") != null ? r.get("TopicArn") : r.get("TargetArn");
        if (arn == null) {
            throw SnsError.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        return topics.topic(arn).arn;
    }

    private String publish(String topicArn, String subject, String message,
                           Map<String, QueryRequest.MessageAttribute> attributes, String traceHeader) {
        if (message == null || message.isEmpty()) {
            throw SnsError.invalidParameter("Empty message");
        }
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw SnsError.invalidParameter("Message too long");
        }
        SqsDelivery.Published published = new SqsDelivery.Published(UUID.randomUUID().toString(), topicArn, subject,
                message, attributes, Instant.now(), traceHeader);
        for (Topics.Subscription sub : topics.subscriptions(topicArn)) {
            if (sub.filter == null || sub.filter.matches(message, attributes)) {
                deliveryFaults.deliver(sub, published);
            }
        }
        return published.messageId();
    }

    /** SNS's own 500: the SDK retries it, so the rate is per attempt, not per publish call. */
    private void failAttemptIfInjected() {
        if (faults.roll(FaultKind.SNS_PUBLISH_ERROR)) {
            throw new SnsError("InternalError", 500, "Internal error (injected)", false);
        }
    }

    private String publishBatch(QueryRequest r, String traceHeader) {
        String topicArn = topicOf(r);
        List<QueryRequest> entries = r.members("PublishBatchRequestEntries", "member");
        if (entries.isEmpty()) {
            throw new SnsError("EmptyBatchRequest", 400, "The batch request doesn't contain any entries.");
        }
        if (entries.size() > 10) {
            throw new SnsError("TooManyEntriesInBatchRequest", 400, "The batch request contains more entries than permissible.");
        }
        Set<String> ids = new HashSet<>();
        for (QueryRequest e : entries) {
            if (!ids.add(String.valueOf(e.get("Id")))) {
                throw new SnsError("BatchEntryIdsNotDistinct", 400, "Two or more batch entries in the request have the same Id.");
            }
        }
        StringBuilder ok = new StringBuilder("<Successful>");
        StringBuilder failed = new StringBuilder("<Failed>");
        for (QueryRequest e : entries) {
            String id = e.get("Id");
            try {
                if (id == null || !id.matches("[A-Za-z0-9_-]{1,80}")) {
                    throw new SnsError("InvalidBatchEntryId", 400, "The Id of a batch entry in a batch request doesn't abide by the specification.");
                }
                String messageId = publish(topicArn, e.get("Subject"), e.get("Message"), e.messageAttributes(),
                        traceHeader);
                ok.append("<member>").append(XmlResponse.element("Id", id))
                        .append(XmlResponse.element("MessageId", messageId)).append("</member>");
            } catch (SnsError err) {
                failed.append("<member>").append(XmlResponse.element("Id", id))
                        .append(XmlResponse.element("Code", err.code))
                        .append(XmlResponse.element("Message", err.getMessage()))
                        .append(XmlResponse.element("SenderFault", Boolean.toString(err.senderFault))).append("</member>");
            }
        }
        return ok.append("</Successful>").toString() + failed.append("</Failed>");
    }
}
