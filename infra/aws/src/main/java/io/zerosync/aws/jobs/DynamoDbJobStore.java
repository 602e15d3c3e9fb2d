package io.zerosync.aws.jobs;

import io.zerosync.core.recovery.JobAlreadyRunningException;
import io.zerosync.core.recovery.JobState;
import io.zerosync.core.recovery.JobStore;
import io.zerosync.core.recovery.ReimportJob;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link JobStore} on the ReimportJobsTable. Locks are items whose conditional put fails while another
 * job holds the view; a checkpoint advance and its counters are one transaction conditioned on the
 * checkpoint, so a redelivered task can never count a page twice.
 */
public final class DynamoDbJobStore implements JobStore {
    /** Index for "recent jobs": partition {@code kind = job}, sorted by createdAt. */
    public static final String BY_CREATED_AT = "ByCreatedAt";
    /** Marks a finished task's checkpoint; never removed, so a stale delivery cannot match "not started". */
    private static final String END = "<end>";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbJobStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(ReimportJob job, Collection<String> views) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(JobItems.toItem(job, views)).conditionExpression("attribute_not_exists(pk)").build()).build());
        for (String view : views) {
            Map<String, AttributeValue> lock = new HashMap<>(JobItems.lockKey(view));
            lock.put("jobId", JobItems.s(job.jobId()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(lock)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            for (String view : views) {
                Map<String, AttributeValue> lock = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                        .key(JobItems.lockKey(view))).item();
                if (lock != null && !lock.isEmpty()) {
                    throw new JobAlreadyRunningException(view, lock.get("jobId").s());
                }
            }
            throw e;
        }
    }

    @Override
    public Optional<ReimportJob> get(String jobId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(JobItems.jobKey(jobId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(JobItems.fromItem(item));
    }

    @Override
    public List<ReimportJob> recent(int limit) {
        return dynamo.query(r -> r.tableName(table).indexName(BY_CREATED_AT)
                        .keyConditionExpression("#k = :job")
                        .expressionAttributeNames(Map.of("#k", JobItems.KIND))
                        .expressionAttributeValues(Map.of(":job", JobItems.s("job")))
                        .scanIndexForward(false).limit(limit))
                .items().stream().map(JobItems::fromItem).toList();
    }

    @Override
    public Optional<Checkpoint> checkpoint(String taskId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(JobItems.taskKey(taskId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        boolean done = item.containsKey("done") && item.get("done").bool();
        String cursor = item.get("cursor").s();
        return Optional.of(new Checkpoint(END.equals(cursor) ? null : cursor, done));
    }

    @Override
    public Optional<ReimportJob> advance(String jobId, String taskId, String expectedCursor, Progress progress) {
        Map<String, AttributeValue> taskValues = new HashMap<>();
        taskValues.put(":next", JobItems.s(progress.done() ? END : progress.nextCursor()));
        taskValues.put(":done", AttributeValue.fromBool(progress.done()));
        String condition = "attribute_not_exists(#c)";
        if (expectedCursor != null) {
            condition = "#c = :expected";
            taskValues.put(":expected", JobItems.s(expectedCursor));
        }
        Update task = Update.builder().tableName(table).key(JobItems.taskKey(taskId))
                .updateExpression("SET #c = :next, #done = :done").conditionExpression(condition)
                .expressionAttributeNames(Map.of("#c", "cursor", "#done", "done")).expressionAttributeValues(taskValues).build();

        Map<String, AttributeValue> jobValues = new HashMap<>();
        jobValues.put(":p", JobItems.n(progress.processed()));
        jobValues.put(":f", JobItems.n(progress.failed()));
        jobValues.put(":t", JobItems.n(progress.done() ? 1 : 0));
        // Attribute names go through placeholders: "processed", "failed" and others are reserved words.
        Map<String, String> names = new HashMap<>(Map.of("#p", "processed", "#f", "failed", "#t", "tasksDone"));
        String jobUpdate = "ADD #p :p, #f :f, #t :t";
        if (!progress.failedIds().isEmpty()) {
            jobUpdate += ", #ids :ids";
            names.put("#ids", "failedIds");
            jobValues.put(":ids", AttributeValue.fromSs(progress.failedIds()));
        }
        Update job = Update.builder().tableName(table).key(JobItems.jobKey(jobId)).updateExpression(jobUpdate)
                .conditionExpression("attribute_exists(pk)").expressionAttributeNames(names)
                .expressionAttributeValues(jobValues).build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(task).build(),
                    TransactWriteItem.builder().update(job).build()));
        } catch (TransactionCanceledException e) {
            return Optional.empty();
        }
        return get(jobId);
    }

    @Override
    public void markRunning(String jobId, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(JobItems.jobKey(jobId))
                    .updateExpression("SET #s = :running, #at = :at")
                    .conditionExpression("#s = :queued")
                    .expressionAttributeNames(Map.of("#s", "state", "#at", "startedAt"))
                    .expressionAttributeValues(Map.of(":running", JobItems.s(JobState.RUNNING.json()),
                            ":queued", JobItems.s(JobState.QUEUED.json()), ":at", JobItems.s(at.toString()))));
        } catch (ConditionalCheckFailedException alreadyRunningOrEnded) {
            // Another worker got there first, or the job ended: both fine.
        }
    }

    @Override
    public void finish(String jobId, JobState state, Instant at) {
        Map<String, AttributeValue> item;
        try {
            item = dynamo.updateItem(r -> r.tableName(table).key(JobItems.jobKey(jobId))
                    .updateExpression("SET #s = :state, #at = :at")
                    .conditionExpression("#s IN (:queued, :running)")
                    .expressionAttributeNames(Map.of("#s", "state", "#at", "finishedAt"))
                    .expressionAttributeValues(Map.of(":state", JobItems.s(state.json()),
                            ":queued", JobItems.s(JobState.QUEUED.json()),
                            ":running", JobItems.s(JobState.RUNNING.json()), ":at", JobItems.s(at.toString())))
                    .returnValues("ALL_NEW")).attributes();
        } catch (ConditionalCheckFailedException alreadyEnded) {
            return;
        }
        for (String view : JobItems.views(item)) {
            try {
                dynamo.deleteItem(r -> r.tableName(table).key(JobItems.lockKey(view))
                        .conditionExpression("#j = :job")
                        .expressionAttributeNames(Map.of("#j", "jobId"))
                        .expressionAttributeValues(Map.of(":job", JobItems.s(jobId))));
            } catch (ConditionalCheckFailedException notOurs) {
                // The lock belongs to another job (or is gone): leave it.
            }
        }
    }
}
