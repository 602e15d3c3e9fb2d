package io.zerosync.local.esm;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns messages received from SQS into the {@link SQSEvent} Lambda hands an SQS-triggered function:
 * same field names, same system attributes (whatever ReceiveMessage returned for "All"), message
 * attributes with empty list values as Lambda sends them, {@code eventSource} "aws:sqs", and the region
 * taken from the queue ARN.
 */
public final class SqsEventFactory {
    public static final String EVENT_SOURCE = "aws:sqs";

    private final QueueArn queueArn;

    public SqsEventFactory(QueueArn queueArn) {
        this.queueArn = Objects.requireNonNull(queueArn, "queueArn");
    }

    public SQSEvent toEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(messages.size());
        for (Message message : messages) {
            records.add(toRecord(message));
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    public SQSEvent.SQSMessage toRecord(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        // SQS omits it when there are no message attributes, and so does Lambda.
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        // Mutable copies: a handler deserialised from Lambda's JSON gets ordinary mutable maps too.
        record.setAttributes(new HashMap<>(message.attributesAsStrings()));
        record.setMessageAttributes(toAttributes(message.messageAttributes()));
        record.setEventSource(EVENT_SOURCE);
        record.setEventSourceArn(queueArn.value());
        record.setAwsRegion(queueArn.region());
        return record;
    }

    private static Map<String, SQSEvent.MessageAttribute> toAttributes(Map<String, MessageAttributeValue> values) {
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        values.forEach((name, value) -> attributes.put(name, toAttribute(value)));
        return attributes;
    }

    private static SQSEvent.MessageAttribute toAttribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(ByteBuffer.wrap(value.binaryValue().asByteArray()));
        }
        // SQS reserves the list values and never fills them; Lambda still sends them as empty arrays.
        attribute.setStringListValues(new ArrayList<>(value.stringListValues()));
        List<ByteBuffer> binaries = new ArrayList<>();
        value.binaryListValues().forEach(bytes -> binaries.add(ByteBuffer.wrap(bytes.asByteArray())));
        attribute.setBinaryListValues(binaries);
        return attribute;
    }
}
