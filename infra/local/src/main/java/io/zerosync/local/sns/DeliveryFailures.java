package io.zerosync.local.sns;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * What happens to a message SNS could not deliver to its subscribed queue, as on AWS: it goes to the
 * subscription's dead-letter queue (its RedrivePolicy) in the body it would have been delivered with;
 * without a RedrivePolicy it is lost, logged and counted. Counters mirror SNS's CloudWatch metrics.
 */
final class DeliveryFailures {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryFailures.class);

    /** Sends a message to the queue with that ARN (throws when it cannot). */
    private final BiConsumer<String, SqsDelivery.Outgoing> sendTo;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong redriven = new AtomicLong();
    private final AtomicLong failedToRedrive = new AtomicLong();

    DeliveryFailures(BiConsumer<String, SqsDelivery.Outgoing> sendTo) {
        this.sendTo = sendTo;
    }

    /** The delivery of {@code message} to {@code sub}'s queue failed for good (retries, if any, are spent). */
    void undeliverable(Topics.Subscription sub, String messageId, SqsDelivery.Outgoing message, RuntimeException cause) {
        failed.incrementAndGet();
        String dlq = sub.deadLetterTargetArn();
        if (dlq == null) {
            LOG.warn("SNS delivery failed {} {} {} {} {} {}", kv("event", "sns_delivery_failed"), kv("messageId", messageId),
                    kv("subscription", sub.arn), kv("endpoint", sub.endpoint), kv("deadLetterQueue", null),
                    kv("reason", reason(cause)));
            return;
        }
        try {
            sendTo.accept(dlq, message);
            redriven.incrementAndGet();
            LOG.warn("SNS delivery redriven {} {} {} {} {} {}", kv("event", "sns_delivery_redriven"), kv("messageId", messageId),
                    kv("subscription", sub.arn), kv("endpoint", sub.endpoint), kv("deadLetterQueue", dlq),
                    kv("reason", reason(cause)));
        } catch (RuntimeException dlqFailed) {
            failedToRedrive.incrementAndGet();
            LOG.error("SNS redrive failed {} {} {} {} {}", kv("event", "sns_redrive_failed"), kv("messageId", messageId),
                    kv("subscription", sub.arn), kv("deadLetterQueue", dlq), kv("reason", reason(dlqFailed)));
        }
    }

    SnsDeliveryStats stats() {
        return new SnsDeliveryStats(failed.get(), redriven.get(), failedToRedrive.get());
    }

    private static String reason(RuntimeException e) {
        return String.valueOf(e.getMessage());
    }
}
