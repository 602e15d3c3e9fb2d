package io.zerosync.functions.sync;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.zerosync.core.sync.SyncRequest;
import io.zerosync.events.MalformedEventException;
import io.zerosync.events.ShopChanged;
import io.zerosync.events.ShopChangedCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * An SQS batch turned into sync requests (one per message, referenced by message ID). A message that
 * is not a ShopChanged — in an SNS envelope or raw — is a failure of that message alone, so it reaches
 * the DLQ; it is never skipped silently.
 */
record SqsBatch(List<SyncRequest> requests, List<String> malformed) {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    static SqsBatch decode(SQSEvent event) {
        List<SyncRequest> requests = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            try {
                ShopChanged changed = ShopChangedCodec.decodeSqsBody(message.getBody());
                requests.add(new SyncRequest(message.getMessageId(), changed.shopId(), changed.version()));
            } catch (MalformedEventException e) {
                LOG.warn("{\"event\":\"malformed_message\",\"messageId\":\"{}\",\"reason\":\"{}\"}",
                        message.getMessageId(), e.getMessage().replace("\"", "'"));
                malformed.add(message.getMessageId());
            }
        }
        return new SqsBatch(requests, malformed);
    }
}
