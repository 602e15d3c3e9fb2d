package io.zerosync.local.esm;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SqsEventFactoryTest {
    private static final QueueArn QUEUE = QueueArn.parse("arn:aws:sqs:eu-west-1:123456789012:shop-list");

    private final SqsEventFactory factory = new SqsEventFactory(QUEUE);

    @Test
    void copiesEveryFieldAndAddsTheSource_likeLambdasSqsEvent() {
        Message message = Message.builder()
                .messageId("m-1").receiptHandle("rh-1").body("{}").md5OfBody("99914b932bd37a50b983c5e7c90ae93b")
                .md5OfMessageAttributes("attr-md5")
                .attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "3",
                        MessageSystemAttributeName.SENT_TIMESTAMP, "1700000000000",
                        MessageSystemAttributeName.AWS_TRACE_HEADER, "Root=1-abc"))
                .messageAttributes(Map.of(
                        "type", MessageAttributeValue.builder().dataType("String").stringValue("ShopChanged").build(),
                        "raw", MessageAttributeValue.builder().dataType("Binary.gzip")
                                .binaryValue(SdkBytes.fromByteArray(new byte[]{1, 2, 3})).build()))
                .build();

        SQSEvent event = factory.toEvent(List.of(message));

        assertEquals(1, event.getRecords().size());
        SQSEvent.SQSMessage record = event.getRecords().get(0);
        assertEquals("m-1", record.getMessageId());
        assertEquals("rh-1", record.getReceiptHandle());
        assertEquals("{}", record.getBody());
        assertEquals("99914b932bd37a50b983c5e7c90ae93b", record.getMd5OfBody());
        assertEquals("attr-md5", record.getMd5OfMessageAttributes());
        assertEquals("aws:sqs", record.getEventSource());
        assertEquals(QUEUE.value(), record.getEventSourceArn());
        assertEquals("eu-west-1", record.getAwsRegion());
        assertEquals(Map.of("ApproximateReceiveCount", "3", "SentTimestamp", "1700000000000",
                "AWSTraceHeader", "Root=1-abc"), record.getAttributes());

        SQSEvent.MessageAttribute type = record.getMessageAttributes().get("type");
        assertEquals("String", type.getDataType());
        assertEquals("ShopChanged", type.getStringValue());
        assertNull(type.getBinaryValue());
        assertEquals(List.of(), type.getStringListValues());
        assertEquals(List.of(), type.getBinaryListValues());
        SQSEvent.MessageAttribute raw = record.getMessageAttributes().get("raw");
        assertEquals("Binary.gzip", raw.getDataType());
        ByteBuffer bytes = raw.getBinaryValue();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        assertArrayEquals(new byte[]{1, 2, 3}, copy);
    }

    @Test
    void leavesTheAttributeDigestNull_whenTheMessageHasNoAttributes() {
        Message message = Message.builder().messageId("m-2").receiptHandle("rh-2").body("x").md5OfBody("md5").build();

        SQSEvent.SQSMessage record = factory.toRecord(message);

        assertNull(record.getMd5OfMessageAttributes());
        assertEquals(Map.of(), record.getMessageAttributes());
        assertEquals(Map.of(), record.getAttributes());
    }
}
