package io.zerosync.functions.sync;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.zerosync.kernel.sync.SyncRequest;
import io.zerosync.events.MalformedEventException;
import io.zerosync.events.EntityChanged;
import io.zerosync.events.EntityChangedCodec;
import io.zerosync.functions.logging.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * An SQS batch turned into sync requests (one per message, referenced by message ID), with what each message
 * says for correlation: its event ID and the trace header SNS and SQS handed on. A message that is not a
 * EntityChanged — in an SNS envelope or raw — is a failure of that message alone, so it reaches the DLQ; it is
 * never skipped silently.
 */
record SqsBatch(List<SyncRequest> requests, List<Announcement> announcements, List<String> malformed) {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);
    /** The SQS system attribute that carries the X-Ray trace header of the message's sender. */
    static final String TRACE_ATTRIBUTE = "AWSTraceHeader";

    /** One decoded message: what the sync's log lines and trace link need of it. */
    record Announcement(String messageId, String eventId, String shopId, long version, String traceHeader) {
    }

    static SqsBatch decode(SQSEvent event) {
        List<SyncRequest> requests = new ArrayList<>();
        List<Announcement> announcements = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            try {
                EntityChanged changed = EntityChangedCodec.decodeSqsBody(message.getBody());
                requests.add(new SyncRequest(message.getMessageId(), changed.id(), changed.version()));
                Map<String, String> attributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
                announcements.add(new Announcement(message.getMessageId(), changed.eventId(), changed.id(),
                        changed.version(), attributes.get(TRACE_ATTRIBUTE)));
            } catch (MalformedEventException e) {
                try (var ignored = Correlation.with(Correlation.MESSAGE_ID, message.getMessageId())) {
                    LOG.warn("malformed message {} {}", kv("event", "malformed_message"), kv("reason", e.getMessage()));
                }
                malformed.add(message.getMessageId());
            }
        }
        return new SqsBatch(requests, announcements, malformed);
    }
}
