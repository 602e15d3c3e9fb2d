package io.zerosync.aws.jobs;

import io.zerosync.kernel.recovery.JobAlreadyRunningException;
import io.zerosync.kernel.recovery.JobState;
import io.zerosync.kernel.port.JobStore;
import io.zerosync.kernel.recovery.ReimportJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * {@link JobStore} on the ReimportJobsTable. Locks are items whose conditional put fails while another
 * job holds the view; they are leases ({@code leaseExpiresAt}, epoch millis, also on the job item, which
 * is what counts) that workers renew. A checkpoint advance and its counters are one transaction
 * conditioned on the checkpoint, so a redelivered task can never count a page twice; only that condition
 * failing means "another delivery is ahead". Every other cancellation (a conflict with a parallel task on
 * the same job item, throttling, a rejected write) is thrown, so SQS redelivers the task and it resumes
 * from its unchanged checkpoint.
 */
public final class DynamoDbJobStore implements JobStore {
    /** Index for "recent jobs" and "every lock": partition {@code kind = job | lock}, sorted by createdAt. */
    public static final String BY_CREATED_AT = "ByCreatedAt";
    /** Marks a finished task's checkpoint; never removed, so a stale delivery cannot match "not started". */
    private static final String END = "<end>";
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /** Creating a job retries cancellations that are not "view busy" (a conflict, throttling) this often. */
    private static final int CREATE_ATTEMPTS = 3;
    /** An error noted on a job is cut to this many characters: the item stays small. */
    private static final int MAX_ERROR = 500;
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbJobStore.class);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration lease;

    /** @param lease how long a view lock holds without a worker renewing it */
    public DynamoDbJobStore(DynamoDbClient dynamo, String table, Duration lease) {
        this.dynamo = dynamo;
        this.table = table;
        this.lease = lease;
    }

    @Override
    public void create(ReimportJob job, Collection<String> views) {
        Instant until = job.createdAt().plus(lease);
        Map<String, AttributeValue> jobItem = new HashMap<>(JobItems.toItem(job, views));
        jobItem.put(JobItems.EXPIRES_AT, JobItems.n(until.toEpochMilli()));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(jobItem).conditionExpression("attribute_not_exists(pk)").build()).build());
        for (String view : views) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(JobItems.lockItem(view, job.jobId(), job.createdAt(), until))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(writes));
                return;
            } catch (TransactionCanceledException e) {
                for (String view : views) {
                    Map<String, AttributeValue> lock = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                            .key(JobItems.lockKey(view))).item();
                    if (lock != null && !lock.isEmpty() && !job.jobId().equals(lock.get("jobId").s())) {
                        throw new JobAlreadyRunningException(view, lock.get("jobId").s());
                    }
                }
                if (attempt >= CREATE_ATTEMPTS) {
                    throw e;
                }
            }
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
        Map<String, String> jobNames = new HashMap<>(Map.of("#p", "processed", "#f", "failed", "#t", "tasksDone"));
        StringBuilder adds = new StringBuilder("ADD #p :p, #f :f, #t :t");
        List<TransactWriteItem> driftItems = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, List<String>> found : progress.drift().entrySet()) {
            if (found.getValue().isEmpty()) {
                continue;
            }
            adds.append(", #d").append(n).append(" :d").append(n);
            jobNames.put("#d" + n, JobItems.driftCount(found.getKey()));
            jobValues.put(":d" + n, JobItems.n(found.getValue().size()));
            n++;
            // Written in the checkpoint's transaction: a page's drift is stored exactly when it is counted.
            driftItems.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(JobItems.driftItem(jobId, found.getKey(), taskId, expectedCursor, found.getValue()))
                    .build()).build());
        }
        Update job = Update.builder().tableName(table).key(JobItems.jobKey(jobId))
                .updateExpression(adds.toString())
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(jobNames)
                .expressionAttributeValues(jobValues).build();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(task).build());
        writes.add(TransactWriteItem.builder().update(job).build());
        writes.addAll(driftItems);
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (CONDITION_FAILED.equals(code(reasons, 0))) {
                return Optional.empty(); // the checkpoint moved: another delivery of this task is ahead
            }
            if (CONDITION_FAILED.equals(code(reasons, 1))) {
                LOG.warn("reimport job gone {} {} {}", kv("event", "reimport_job_gone"), kv("jobId", jobId), kv("taskId", taskId));
                return Optional.empty();
            }
            // TransactionConflict, ThrottlingError, ValidationError, ...: retried through SQS.
            throw new CheckpointCancelledException(taskId, e);
        }
        Optional<ReimportJob> after = get(jobId);
        if (after.isEmpty() || progress.failedIds().isEmpty()) {
            return after;
        }
        return Optional.of(withSample(after.get(), progress.failedIds()));
    }

    /**
     * Adds failed IDs to the job's sample while it holds fewer than the cap, so the job item stays a few
     * KB however many pages fail ({@code failed} keeps the exact count). This is a separate conditional
     * write, not part of the checkpoint transaction: a full sample must never cancel a checkpoint, and a
     * condition on the job item there would fail with the same reason as "the job is gone". Losing a
     * page's sample to a crash in between costs nothing but a few example IDs.
     */
    private ReimportJob withSample(ReimportJob job, List<String> failedIds) {
        LinkedHashSet<String> sample = new LinkedHashSet<>(job.failedIds());
        List<String> add = failedIds.stream().filter(id -> !sample.contains(id))
                .limit(Math.max(0, ReimportJob.FAILED_IDS_CAP - sample.size())).toList();
        if (add.isEmpty()) {
            return job;
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(JobItems.jobKey(job.jobId()))
                    .updateExpression("ADD #ids :ids")
                    // A string set only grows by new members: at most the cap, even with parallel tasks.
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#ids) OR size(#ids) <= :room)")
                    .expressionAttributeNames(Map.of("#ids", "failedIds"))
                    .expressionAttributeValues(Map.of(":ids", AttributeValue.fromSs(add),
                            ":room", JobItems.n(ReimportJob.FAILED_IDS_CAP - add.size()))));
        } catch (ConditionalCheckFailedException filledMeanwhile) {
            return job;
        } catch (DynamoDbException e) {
            LOG.warn("failed IDs sample not written {} {} {}", kv("event", "failed_ids_sample_not_written"),
                    kv("jobId", job.jobId()), kv("reason", String.valueOf(e.getMessage())));
            return job;
        }
        sample.addAll(add);
        return new ReimportJob(job.jobId(), job.view(), job.scope(), job.mode(), job.state(), job.createdAt(),
                job.finishedAt(), job.total(), job.processed(), job.failed(), List.copyOf(sample), job.tasks(),
                job.tasksDone(), job.reason(), job.heartbeatAt(), job.drift());
    }

    /**
     * Drift items are in the ByCreatedAt index under {@code kind = drift#<jobId>#<class>}, sorted by task
     * and page: a query on it pages through one class. The cursor is the last item's sort key; it names
     * nothing but a position in that one partition, and is checked for shape before it becomes a key.
     */
    @Override
    public DriftPage driftPage(String jobId, String driftClass, String cursor, int limit) {
        Map<String, AttributeValue> start = cursor == null ? null : JobItems.driftStartKey(jobId, driftClass, cursor);
        var page = dynamo.query(r -> r.tableName(table).indexName(BY_CREATED_AT)
                .keyConditionExpression("#k = :kind")
                .expressionAttributeNames(Map.of("#k", JobItems.KIND))
                .expressionAttributeValues(Map.of(":kind", JobItems.s(JobItems.driftKind(jobId, driftClass))))
                .exclusiveStartKey(start).limit(limit));
        List<String> ids = new ArrayList<>();
        page.items().forEach(item -> ids.addAll(item.get("ids").ss()));
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? page.lastEvaluatedKey().get(JobItems.CREATED_AT).s() : null;
        return new DriftPage(ids, next);
    }

    private static String code(List<CancellationReason> reasons, int position) {
        return reasons != null && reasons.size() > position ? reasons.get(position).code() : null;
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
    public void renew(String jobId, Instant at) {
        AttributeValue until = JobItems.n(at.plus(lease).toEpochMilli());
        Map<String, AttributeValue> item;
        try {
            item = dynamo.updateItem(r -> r.tableName(table).key(JobItems.jobKey(jobId))
                    .updateExpression("SET #hb = :at, #exp = :until")
                    .conditionExpression("#s IN (:queued, :running)")
                    .expressionAttributeNames(Map.of("#s", "state", "#hb", "heartbeatAt", "#exp", JobItems.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":at", JobItems.s(at.toString()), ":until", until,
                            ":queued", JobItems.s(JobState.QUEUED.json()),
                            ":running", JobItems.s(JobState.RUNNING.json())))
                    .returnValues("ALL_NEW")).attributes();
        } catch (ConditionalCheckFailedException endedOrGone) {
            return; // the worker notices at its next checkpoint
        }
        for (String view : JobItems.views(item)) {
            try {
                dynamo.updateItem(r -> r.tableName(table).key(JobItems.lockKey(view))
                        .updateExpression("SET #exp = :until")
                        .conditionExpression("#j = :job")
                        .expressionAttributeNames(Map.of("#j", "jobId", "#exp", JobItems.EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":job", JobItems.s(jobId), ":until", until)));
            } catch (ConditionalCheckFailedException notOurs) {
                // Released (the job ended meanwhile): nothing to renew.
            }
        }
    }

    @Override
    public void noteError(String jobId, String error) {
        String text = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) + "..." : error;
        try {
            dynamo.updateItem(r -> r.tableName(table).key(JobItems.jobKey(jobId))
                    .updateExpression("SET #r = :error")
                    .conditionExpression("#s IN (:queued, :running)")
                    .expressionAttributeNames(Map.of("#s", "state", "#r", "reason"))
                    .expressionAttributeValues(Map.of(":error", JobItems.s(text),
                            ":queued", JobItems.s(JobState.QUEUED.json()),
                            ":running", JobItems.s(JobState.RUNNING.json()))));
        } catch (ConditionalCheckFailedException endedOrGone) {
            // A finished job keeps its final reason.
        }
    }

    @Override
    public void finish(String jobId, JobState state, Instant at, String reason) {
        Map<String, String> names = new HashMap<>(Map.of("#s", "state", "#at", "finishedAt"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":state", JobItems.s(state.json()),
                ":queued", JobItems.s(JobState.QUEUED.json()),
                ":running", JobItems.s(JobState.RUNNING.json()), ":at", JobItems.s(at.toString())));
        String update = "SET #s = :state, #at = :at";
        if (reason != null) {
            update += ", #r = :reason";
            names.put("#r", "reason");
            values.put(":reason", JobItems.s(reason));
        }
        String expression = update;
        Map<String, AttributeValue> item;
        try {
            item = dynamo.updateItem(r -> r.tableName(table).key(JobItems.jobKey(jobId))
                    .updateExpression(expression)
                    .conditionExpression("#s IN (:queued, :running)")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues("ALL_NEW")).attributes();
        } catch (ConditionalCheckFailedException alreadyEnded) {
            return;
        }
        releaseLocks(JobItems.views(item), jobId);
    }

    @Override
    public List<Lease> leases() {
        List<Lease> leases = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(r -> r.tableName(table).indexName(BY_CREATED_AT)
                    .keyConditionExpression("#k = :lock")
                    .expressionAttributeNames(Map.of("#k", JobItems.KIND))
                    .expressionAttributeValues(Map.of(":lock", JobItems.s("lock")))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue expires = item.get(JobItems.EXPIRES_AT);
                leases.add(new Lease(item.get("view").s(), item.get("jobId").s(),
                        expires == null ? null : Instant.ofEpochMilli(Long.parseLong(expires.n()))));
            }
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return leases;
    }

    @Override
    public boolean expire(Lease lease, Instant now, String reason) {
        Map<String, AttributeValue> item;
        try {
            // The job item's lease is the one that counts: a worker may have renewed it since the lock was read.
            item = dynamo.updateItem(r -> r.tableName(table).key(JobItems.jobKey(lease.jobId()))
                    .updateExpression("SET #s = :failed, #at = :at, #r = :reason")
                    .conditionExpression("#s IN (:queued, :running) AND (attribute_not_exists(#exp) OR #exp <= :now)")
                    .expressionAttributeNames(Map.of("#s", "state", "#at", "finishedAt", "#r", "reason",
                            "#exp", JobItems.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":failed", JobItems.s(JobState.FAILED.json()),
                            ":queued", JobItems.s(JobState.QUEUED.json()),
                            ":running", JobItems.s(JobState.RUNNING.json()), ":at", JobItems.s(now.toString()),
                            ":reason", JobItems.s(reason), ":now", JobItems.n(now.toEpochMilli())))
                    .returnValues("ALL_NEW")).attributes();
        } catch (ConditionalCheckFailedException notLapsed) {
            Optional<ReimportJob> job = get(lease.jobId());
            if (job.isPresent() && !job.get().state().finished()) {
                return false; // renewed meanwhile: a worker is alive
            }
            releaseLocks(List.of(lease.view()), lease.jobId()); // a finished or unknown job's stray lock
            return true;
        }
        LOG.warn("reimport lease expired {} {} {}", kv("event", "reimport_lease_expired"), kv("jobId", lease.jobId()),
                kv("view", lease.view()));
        releaseLocks(JobItems.views(item), lease.jobId());
        return true;
    }

    private void releaseLocks(Collection<String> views, String jobId) {
        for (String view : views) {
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
