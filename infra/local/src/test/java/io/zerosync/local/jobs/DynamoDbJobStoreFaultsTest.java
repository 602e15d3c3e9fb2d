package io.zerosync.local.jobs;

import io.zerosync.aws.jobs.CheckpointCancelledException;
import io.zerosync.aws.jobs.DynamoDbJobStore;
import io.zerosync.kernel.recovery.JobAlreadyRunningException;
import io.zerosync.kernel.recovery.JobState;
import io.zerosync.kernel.port.JobStore;
import io.zerosync.kernel.recovery.ReimportJob;
import io.zerosync.kernel.recovery.ReimportMode;
import io.zerosync.kernel.recovery.ReimportScope;
import io.zerosync.local.emulators.DynamoDbLocalServer;
import io.zerosync.local.emulators.LocalAws;
import io.zerosync.local.faults.DynamoDbError;
import io.zerosync.local.faults.DynamoDbFaultProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job store against DynamoDB Local through the fault proxy: each failure DynamoDB can answer reaches
 * the store as the real SDK exception, and only a moved checkpoint (or a job that is gone) reads as "stop".
 */
class DynamoDbJobStoreFaultsTest {
    private static final String TABLE = "ReimportJobsTable";
    private static final Duration LEASE = Duration.ofMinutes(15);
    private static DynamoDbLocalServer dynamoDbLocal;
    private static DynamoDbFaultProxy proxy;
    private static DynamoDbClient direct;
    private static DynamoDbClient throughProxy;
    private static DynamoDbJobStore jobs;

    @BeforeAll
    static void start() {
        dynamoDbLocal = DynamoDbLocalServer.start(0);
        proxy = DynamoDbFaultProxy.start(dynamoDbLocal.endpoint());
        direct = LocalAws.syncClient(DynamoDbClient.builder(), dynamoDbLocal.endpoint());
        // Standard retries (3 attempts) keep the exhausted-throttling case short.
        throughProxy = LocalAws.syncClient(DynamoDbClient.builder()
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)), proxy.endpoint());
        // As template.yaml declares it.
        direct.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("kind").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("createdAt").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName(DynamoDbJobStore.BY_CREATED_AT)
                        .keySchema(k -> k.attributeName("kind").keyType(KeyType.HASH),
                                k -> k.attributeName("createdAt").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        jobs = new DynamoDbJobStore(throughProxy, TABLE, LEASE);
    }

    @AfterAll
    static void stop() {
        throughProxy.close();
        direct.close();
        proxy.close();
        dynamoDbLocal.close();
    }

    @AfterEach
    void clearFaults() {
        proxy.clear();
    }

    private static ReimportJob newJob(String view, Instant at, ReimportScope scope) {
        String id = "job_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return new ReimportJob(id, view, scope, ReimportMode.REBUILD, JobState.QUEUED, at, null, 1000L, 0, 0,
                List.of(), 2, 0);
    }

    private static ReimportJob started(String view, Instant at) {
        ReimportJob job = newJob(view, at, new ReimportScope.Full());
        jobs.create(job, List.of(view));
        return job;
    }

    private static JobStore.Progress page(String next, int processed) {
        return new JobStore.Progress(next, next == null, processed, 0, List.of());
    }

    private static String view() {
        return "view-" + UUID.randomUUID();
    }

    @Test
    void throwsAndCountsNothing_whenTheCheckpointTransactionConflicts_thenCountsThePageOnceOnRetry() {
        ReimportJob job = started(view(), Instant.now());
        proxy.failNext("TransactWriteItems", 1, DynamoDbError.transactionCanceled(List.of("None", "TransactionConflict")));

        CheckpointCancelledException e = assertThrows(CheckpointCancelledException.class,
                () -> jobs.advance(job.jobId(), "t1", null, page("500", 500)));
        assertTrue(e.getMessage().endsWith("[None, TransactionConflict]"), e.getMessage());
        assertTrue(e.getCause() instanceof TransactionCanceledException);
        assertEquals(0, jobs.get(job.jobId()).orElseThrow().processed());
        assertTrue(jobs.checkpoint("t1").isEmpty(), "the checkpoint did not move");

        assertEquals(500, jobs.advance(job.jobId(), "t1", null, page("500", 500)).orElseThrow().processed());
        assertTrue(jobs.advance(job.jobId(), "t1", null, page("500", 500)).isEmpty(),
                "a second delivery of the same page is behind: ConditionalCheckFailed on the checkpoint");
        assertEquals(500, jobs.get(job.jobId()).orElseThrow().processed(), "counted once");
    }

    @Test
    void throws_whenTheCheckpointTransactionIsThrottledOrInvalid() {
        ReimportJob job = started(view(), Instant.now());
        proxy.failNext("TransactWriteItems", 1, DynamoDbError.transactionCanceled(List.of("ThrottlingError", "None")));
        assertThrows(CheckpointCancelledException.class, () -> jobs.advance(job.jobId(), "t2", null, page("1", 1)));
        proxy.failNext("TransactWriteItems", 1, DynamoDbError.transactionCanceled(List.of("None", "ValidationError")));
        assertThrows(CheckpointCancelledException.class, () -> jobs.advance(job.jobId(), "t2", null, page("1", 1)));
        proxy.failRate(Set.of("TransactWriteItems"), 1.0, DynamoDbError.throttling());
        assertThrows(ProvisionedThroughputExceededException.class,
                () -> jobs.advance(job.jobId(), "t2", null, page("1", 1)), "after the SDK's own retries");
        proxy.clear();

        assertEquals(1, jobs.advance(job.jobId(), "t2", null, page("1", 1)).orElseThrow().processed());
    }

    @Test
    void stops_whenTheJobIsGone() {
        ReimportJob job = started(view(), Instant.now());
        direct.deleteItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("job#" + job.jobId()))));

        assertTrue(jobs.advance(job.jobId(), "t3", null, page("1", 1)).isEmpty());
    }

    @Test
    void keepsTheFirstHundredFailedIds_andCountsEveryFailure() {
        ReimportJob job = started(view(), Instant.now());
        String cursor = null;
        for (int p = 0; p < 5; p++) {
            int first = p * 100;
            List<String> failed = IntStream.range(first, first + 100).mapToObj(i -> "shop-" + i).toList();
            String next = Integer.toString(first + 100);
            jobs.advance(job.jobId(), "t4", cursor, new JobStore.Progress(next, false, 100, 100, failed));
            cursor = next;
        }

        ReimportJob after = jobs.get(job.jobId()).orElseThrow();
        assertEquals(500, after.failed());
        assertEquals(ReimportJob.FAILED_IDS_CAP, after.failedIds().size());
        assertEquals(ReimportJob.FAILED_IDS_CAP, direct.getItem(r -> r.tableName(TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("job#" + job.jobId())))).item().get("failedIds").ss().size());
    }

    @Test
    void keepsAJobItemSmall_whenItsScopeHoldsTenThousandLongIds() {
        List<String> ids = IntStream.range(0, 10_000).mapToObj(i -> String.format("%064d", i)).toList();
        ReimportJob job = newJob(view(), Instant.now(), new ReimportScope.Ids(ids));

        jobs.create(job, List.of(job.view()));

        Map<String, AttributeValue> item = direct.getItem(r -> r.tableName(TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("job#" + job.jobId())))).item();
        assertTrue(item.toString().length() < 4_000, "job item is " + item.toString().length() + " characters");
        ReimportScope.IdsSample scope = (ReimportScope.IdsSample) jobs.get(job.jobId()).orElseThrow().scope();
        assertEquals(10_000, scope.count());
        assertEquals(ids.subList(0, ReimportScope.IdsSample.SIZE), scope.first());
    }

    @Test
    void failsAJobWhoseLeaseLapsed_andFreesItsView_butNotOneThatWasRenewed() {
        Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
        String view = view();
        ReimportJob job = started(view, t0);
        jobs.renew(job.jobId(), t0.plus(Duration.ofMinutes(10)));
        JobStore.Lease lease = jobs.leases().stream().filter(l -> l.view().equals(view)).findFirst().orElseThrow();
        assertEquals(t0.plus(Duration.ofMinutes(25)), lease.expiresAt(), "renewed: the lock's lease moved on");

        assertFalse(jobs.expire(lease, t0.plus(Duration.ofMinutes(20)), "lease expired"), "still live");
        assertThrows(JobAlreadyRunningException.class, () -> started(view, t0.plus(Duration.ofMinutes(20))));

        assertTrue(jobs.expire(lease, t0.plus(Duration.ofMinutes(26)), "lease expired: test"));
        ReimportJob failed = jobs.get(job.jobId()).orElseThrow();
        assertEquals(JobState.FAILED, failed.state());
        assertEquals("lease expired: test", failed.reason());
        assertEquals(t0.plus(Duration.ofMinutes(10)), failed.heartbeatAt());
        assertTrue(jobs.leases().stream().noneMatch(l -> l.view().equals(view)), "the lock is released");
        started(view, t0.plus(Duration.ofMinutes(27)));
    }

    @Test
    void retriesCreatingAJob_whenItsTransactionConflicts() {
        String view = view();
        proxy.failNext("TransactWriteItems", 1, DynamoDbError.transactionCanceled(List.of("TransactionConflict", "None")));

        ReimportJob job = started(view, Instant.now());

        assertEquals(JobState.QUEUED, jobs.get(job.jobId()).orElseThrow().state());
        assertTrue(jobs.leases().stream().anyMatch(l -> l.view().equals(view) && l.jobId().equals(job.jobId())));
    }
}
