package io.zerosync.functions.config;

import io.zerosync.aws.sqs.ReimportTaskJson;
import io.zerosync.kernel.recovery.ReimportTask;

/**
 * The body of a ReimportTaskQueue message, read with the same format the task queue (wired in
 * {@link RecoveryFactory}) writes, so the worker and the DLQ handler never name the SQS adapter.
 */
public final class TaskMessages {
    private TaskMessages() {
    }

    /** @throws IllegalArgumentException when the body is not a re-import task */
    public static ReimportTask decode(String body) {
        return ReimportTaskJson.decode(body);
    }
}
