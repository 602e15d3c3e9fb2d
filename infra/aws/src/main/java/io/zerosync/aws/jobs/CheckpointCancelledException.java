package io.zerosync.aws.jobs;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;

/**
 * A task's checkpoint transaction was cancelled for a reason other than "another delivery is ahead"
 * (a conflict, throttling, a rejected write): the task is retried. The message names the positional
 * reasons, which the SDK's own message leaves out, so the job's noted error says what went wrong.
 */
public final class CheckpointCancelledException extends RuntimeException {
    public CheckpointCancelledException(String taskId, TransactionCanceledException cause) {
        super("checkpoint of task " + taskId + " not written: transaction cancelled " + codes(cause.cancellationReasons()),
                cause);
    }

    private static List<String> codes(List<CancellationReason> reasons) {
        return reasons == null ? List.of() : reasons.stream().map(CancellationReason::code).toList();
    }
}
