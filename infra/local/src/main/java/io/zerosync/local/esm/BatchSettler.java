package io.zerosync.local.esm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies an outcome to the queue. Successful messages are deleted with DeleteMessageBatch (10 per
 * call, the SQS limit). Failed ones are left alone: their visibility timeout brings them back, and the
 * queue's RedrivePolicy moves them to the DLQ after maxReceiveCount, exactly as on Lambda.
 */
final class BatchSettler {
    private static final Logger log = LoggerFactory.getLogger(BatchSettler.class);
    private static final int MAX_ENTRIES_PER_BATCH_CALL = 10;

    private final SqsClient sqs;
    private final String functionName;
    private final String queueUrl;

    BatchSettler(SqsClient sqs, String functionName, String queueUrl) {
        this.sqs = sqs;
        this.functionName = functionName;
        this.queueUrl = queueUrl;
    }

    /** Deletes the messages; returns how many SQS confirmed. A failed delete only means a redelivery. */
    int delete(List<Message> messages) {
        int deleted = 0;
        for (List<Message> chunk : chunks(messages)) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i)).receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            try {
                DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                deleted += response.successful().size();
                for (BatchResultErrorEntry error : response.failed()) {
                    log.warn("{}: could not delete a processed message ({}: {}); it will be delivered again",
                            functionName, error.code(), error.message());
                }
            } catch (SdkException e) {
                log.warn("{}: could not delete {} processed message(s); they will be delivered again: {}",
                        functionName, chunk.size(), e.toString());
            }
        }
        return deleted;
    }

    /**
     * Makes messages that were received but never invoked visible again at once, so that stopping a
     * mapping mid-batch does not hold them back for a whole visibility timeout. Best effort.
     */
    void handBack(List<Message> messages) {
        for (List<Message> chunk : chunks(messages)) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(i)).receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(0).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                log.debug("{}: could not hand back {} message(s): {}", functionName, chunk.size(), e.toString());
            }
        }
    }

    private static List<List<Message>> chunks(List<Message> messages) {
        List<List<Message>> chunks = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += MAX_ENTRIES_PER_BATCH_CALL) {
            chunks.add(messages.subList(from, Math.min(messages.size(), from + MAX_ENTRIES_PER_BATCH_CALL)));
        }
        return chunks;
    }
}
