package io.zerosync.local.chaos;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.provision.Stack;
import io.zerosync.local.runtime.HandlerFactory;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings the cloud to quiet after the faults are off, as an operator would: announce what the outbox
 * still holds (the sweeper, invoked now and with no grace, instead of waiting for its 1-minute schedule
 * and 30 s grace), redrive every view DLQ (and every subscription DLQ a RedrivePolicy names), and wait
 * until no queue holds or processes a message and no SNS delivery is held back, twice in a row.
 */
final class Convergence {
    private static final Duration POLL = Duration.ofSeconds(1);
    private final LocalCloud cloud;
    private final Http http;
    private final List<RequestHandler<ScheduledEvent, Object>> sweepers = new ArrayList<>();
    private long redriven;
    private long swept;

    Convergence(LocalCloud cloud, Http http) {
        this.cloud = cloud;
        this.http = http;
        for (Stack.Schedule schedule : cloud.stack().schedules()) {
            Map<String, String> env = cloud.environmentOf(schedule.functionLogicalId()).variables();
            if (env.containsKey("ZEROSYNC_OUTBOX_GRACE_SECONDS")) {
                sweepers.add(HandlerFactory.create(schedule.handler(), cloud.environmentOf(schedule.functionLogicalId())
                        .with(Map.of("ZEROSYNC_OUTBOX_GRACE_SECONDS", "0"))));
            }
        }
    }

    /** Waits for quiet; answers whether it came before the timeout. */
    boolean await(List<String> views, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietRounds = 0;
        while (System.nanoTime() < deadline) {
            long announced = sweep();
            long moved = redrive(views);
            boolean quiet = announced == 0 && moved == 0 && queuesEmpty() && cloud.faults().heldBack() == 0;
            quietRounds = quiet ? quietRounds + 1 : 0;
            if (quietRounds >= 2) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    long redriven() {
        return redriven;
    }

    long swept() {
        return swept;
    }

    private long sweep() {
        long announced = 0;
        for (RequestHandler<ScheduledEvent, Object> sweeper : sweepers) {
            ScheduledEvent event = new ScheduledEvent();
            event.setSource("aws.events");
            event.setDetailType("Scheduled Event");
            Object result = sweeper.handleRequest(event, null);
            // A sweeper that answers no count gives no evidence of quiet; the queues still must be empty.
            announced += result instanceof Number n ? n.longValue() : 0;
        }
        swept += announced;
        return announced;
    }

    private long redrive(List<String> views) throws IOException {
        long moved = 0;
        for (String view : views) {
            moved += http.admin("POST", "/admin/views/" + view + "/dlq/redrive", null).path("moved").asLong();
        }
        moved += redriveSubscriptionDlqs();
        redriven += moved;
        return moved;
    }

    /** Messages SNS could not deliver wait in the DLQ a subscription's RedrivePolicy names: back to its queue. */
    private long redriveSubscriptionDlqs() {
        long moved = 0;
        for (Subscription sub : cloud.sns().listSubscriptions().subscriptions()) {
            String policy = cloud.sns().getSubscriptionAttributes(r -> r.subscriptionArn(sub.subscriptionArn()))
                    .attributes().get("RedrivePolicy");
            if (policy == null || policy.isBlank() || !sub.endpoint().startsWith("arn:aws:sqs:")) {
                continue;
            }
            try {
                String dlqArn = Http.JSON.readTree(policy).path("deadLetterTargetArn").asText();
                String dlq = queueUrl(dlqArn);
                String target = queueUrl(sub.endpoint());
                while (true) {
                    List<Message> batch = cloud.sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)
                            .messageAttributeNames("All")).messages();
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (Message m : batch) {
                        cloud.sqs().sendMessage(r -> r.queueUrl(target).messageBody(m.body())
                                .messageAttributes(m.messageAttributes().isEmpty() ? null : m.messageAttributes()));
                        cloud.sqs().deleteMessage(r -> r.queueUrl(dlq).receiptHandle(m.receiptHandle()));
                        moved++;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("unreadable RedrivePolicy of " + sub.subscriptionArn() + ": " + policy, e);
            }
        }
        return moved;
    }

    private String queueUrl(String arn) {
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        return cloud.sqs().getQueueUrl(r -> r.queueName(name)).queueUrl();
    }

    private boolean queuesEmpty() throws IOException {
        for (JsonNode view : http.admin("GET", "/admin/views", null).path("views")) {
            if (view.path("queueDepth").asLong() != 0 || view.path("inFlight").asLong() != 0
                    || view.path("dlqDepth").asLong() != 0) {
                return false;
            }
        }
        return true;
    }
}
