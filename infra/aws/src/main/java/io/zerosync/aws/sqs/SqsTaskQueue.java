package io.zerosync.aws.sqs;

import io.zerosync.core.recovery.ReimportTask;
import io.zerosync.core.recovery.TaskQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;

/** {@link TaskQueue} on ReimportTaskQueue. */
public final class SqsTaskQueue implements TaskQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsTaskQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(List<ReimportTask> tasks) {
        for (int from = 0; from < tasks.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<ReimportTask> chunk = tasks.subList(from, Math.min(tasks.size(), from + 10));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("t" + i)
                        .messageBody(ReimportTaskJson.encode(chunk.get(i))).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("task queue refused " + response.failed().size() + " tasks: "
                        + response.failed().get(0).message());
            }
        }
    }
}
