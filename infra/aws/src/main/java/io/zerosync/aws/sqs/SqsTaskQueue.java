package io.zerosync.aws.sqs;

import io.zerosync.kernel.recovery.ReimportTask;
import io.zerosync.kernel.port.TaskQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TaskQueue} on ReimportTaskQueue. Batches hold at most 10 messages and, like one message, at most
 * 256 KB in total: ten ID tasks of 1,000 IDs of 64 characters would pass it together.
 */
public final class SqsTaskQueue implements TaskQueue {
    private static final int MAX_ENTRIES = 10;
    /** SQS's 262,144-byte limit of a batch, less room for the request's own framing. */
    private static final int MAX_BATCH_BYTES = 250_000;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsTaskQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(List<ReimportTask> tasks) {
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        int bytes = 0;
        for (ReimportTask task : tasks) {
            String body = ReimportTaskJson.encode(task);
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            if (!batch.isEmpty() && (batch.size() == MAX_ENTRIES || bytes + size > MAX_BATCH_BYTES)) {
                send(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(SendMessageBatchRequestEntry.builder().id("t" + batch.size()).messageBody(body).build());
            bytes += size;
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
    }

    private void send(List<SendMessageBatchRequestEntry> entries) {
        SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        if (!response.failed().isEmpty()) {
            throw new IllegalStateException("task queue refused " + response.failed().size() + " tasks: "
                    + response.failed().get(0).message());
        }
    }
}
