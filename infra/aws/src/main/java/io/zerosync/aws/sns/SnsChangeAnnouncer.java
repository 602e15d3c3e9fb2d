package io.zerosync.aws.sns;

import io.zerosync.aws.tracing.TraceHeader;
import io.zerosync.kernel.port.ChangeAnnouncer;
import io.zerosync.events.EntityChanged;
import io.zerosync.events.EntityChangedCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Publishes {@link ShopChanged} to the SNS topic. {@code type} is also a message attribute so a read
 * model can subscribe with a filter policy. The body stays the zero-payload event; what correlates the
 * command with the syncs it causes travels beside it: the event's own {@code eventId} (logged here, and by
 * every sync of it), and the caller's X-Ray trace header as the request's {@code X-Amzn-Trace-Id}, which SNS
 * hands on to each SQS subscription as the message's {@code AWSTraceHeader}.
 */
public final class SnsChangeAnnouncer implements ChangeAnnouncer {
    /** The HTTP header SNS reads the publisher's trace context from. */
    public static final String TRACE_HEADER = "X-Amzn-Trace-Id";
    private static final Logger LOG = LoggerFactory.getLogger("zerosync.announce");

    private final SnsClient sns;
    private final String topicArn;
    private final Supplier<Optional<TraceHeader>> trace;

    public SnsChangeAnnouncer(SnsClient sns, String topicArn) {
        this(sns, topicArn, TraceHeader::current);
    }

    /** @param trace the current invocation's trace header, if any (Lambda's; empty when tracing is off) */
    public SnsChangeAnnouncer(SnsClient sns, String topicArn, Supplier<Optional<TraceHeader>> trace) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.trace = trace;
    }

    @Override
    public void announce(EntityChanged event) {
        Optional<TraceHeader> header = trace.get();
        PublishRequest.Builder request = PublishRequest.builder().topicArn(topicArn)
                .message(EntityChangedCodec.encode(event))
                .messageAttributes(Map.of("type",
                        MessageAttributeValue.builder().dataType("String").stringValue(event.routingKey()).build()));
        // On Lambda the SDK adds the same header itself; naming it here makes it explicit and testable off Lambda.
        header.ifPresent(h -> request.overrideConfiguration(o -> o.putHeader(TRACE_HEADER, h.value())));
        sns.publish(request.build());
        LOG.info("announced {} {} {} {} {}", kv("event", "announced"), kv("eventId", event.eventId()),
                kv("entityType", event.entityType()), kv("entityId", event.id()), kv("version", event.version()),
                kv("traceId", header.map(TraceHeader::root).orElse(null)));
    }
}
