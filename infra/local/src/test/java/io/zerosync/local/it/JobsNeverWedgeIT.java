package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.emulators.FreePort;
import io.zerosync.local.faults.DynamoDbError;
import io.zerosync.local.faults.DynamoDbFaultProxy;
import io.zerosync.local.faults.FaultProxy;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Re-import jobs always end and free their view, whatever DynamoDB or the source answers: every function's
 * DynamoDB calls pass through a fault proxy that answers with DynamoDB's own errors, and the source API
 * through a proxy that answers 503. Each test ends by starting a new job on the same view (202, not 409).
 * Short timeouts, visibility timeouts and lease so retries, DLQ moves and lease expiry take a minute or two
 * (the lease outlasts three deliveries of a failing task, so the DLQ, not the lease, ends that job).
 */
class JobsNeverWedgeIT {
    private static final String WORKER = "ReimportWorkerFunction";
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(180);
    private static LocalCloud cloud;
    private static FaultProxy source;
    private static DynamoDbFaultProxy dynamo;
    private static Api api;

    @BeforeAll
    static void start() {
        int port = FreePort.pick();
        source = FaultProxy.start(port);
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(TestClouds.template(), TestClouds.TOKEN).withHttpPort(port)
                .withParameters(Map.of("SyncFunctionTimeout", 5, "SyncQueueVisibilityTimeout", 5, "MaxReceiveCount", 3,
                        "ReimportWorkerTimeout", 20, "ReimportWorkerBudgetSeconds", 10,
                        "ReimportTaskVisibilityTimeout", 20, "ReimportLeaseSeconds", 90))
                .withSourceApiUrl(source.url())
                .withDynamoDbProxy(true));
        dynamo = cloud.dynamoDbFaults();
        api = new Api(cloud);
    }

    @AfterAll
    static void stop() {
        cloud.close();
        source.close();
    }

    @AfterEach
    void noFaultsLeft() {
        dynamo.clear();
        source.failNext(0);
        cloud.pollers().resume(WORKER);
    }

    private static List<String> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    private static String startJob(String view, List<String> ids) {
        Api.Reply r = api.post("/admin/reimports", Map.of("view", view, "mode", "rebuild",
                "scope", Map.of("type", "ids", "ids", ids)));
        assertEquals(202, r.status(), r.body().toString());
        return r.text("jobId");
    }

    private static JsonNode awaitJob(String jobId) {
        return Eventually.await("job " + jobId + " to end", JOB_DEADLINE,
                () -> api.get("/admin/reimports/" + jobId).body(),
                job -> List.of("succeeded", "failed", "cancelled").contains(job.get("state").asText()));
    }

    /** The view's lock is gone: a new job on it is accepted (202, not 409) and runs to the end. */
    private static void assertViewFree(String view) {
        JsonNode job = awaitJob(startJob(view, List.of("free-check")));
        assertEquals("succeeded", job.get("state").asText(), job.toString());
    }

    private static long injected(String error) {
        return dynamo.injected().getOrDefault(error, 0L);
    }

    private static long failedDeliveries() {
        return cloud.pollers().stats(WORKER).orElseThrow().failed();
    }

    @Test
    void retriesACheckpointCancelledByATransactionConflict_countingEveryIdOnce() {
        long cancelled = injected("TransactionCanceledException");
        cloud.pollers().pause(WORKER);
        String jobId = startJob("shop-list", ids("conflict-", 100));
        dynamo.failNext("TransactWriteItems", 1,
                DynamoDbError.transactionCanceled(List.of("None", "TransactionConflict")));
        cloud.pollers().resume(WORKER);

        JsonNode job = awaitJob(jobId);

        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals(100, job.get("processed").asLong(), "the retried page is counted once");
        assertEquals(1, injected("TransactionCanceledException") - cancelled);
        assertTrue(failedDeliveries() >= 1, "the task went back to SQS and came again");
        assertViewFree("shop-list");
    }

    @Test
    void finishesAJobWhoseStoreCallsAreThrottled() {
        long throttled = injected("ProvisionedThroughputExceededException");
        cloud.pollers().pause(WORKER);
        String jobId = startJob("shop-detail", ids("throttled-", 100));
        // Throttled transaction items cancel the checkpoint (retried through SQS); throttled single calls
        // are retried by the SDK itself.
        dynamo.failNext("TransactWriteItems", 1, DynamoDbError.transactionCanceled(List.of("ThrottlingError", "None")));
        dynamo.failNext("UpdateItem", 3, DynamoDbError.throttling());
        dynamo.failNext("GetItem", 3, DynamoDbError.throttling());
        cloud.pollers().resume(WORKER);

        JsonNode job = awaitJob(jobId);

        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals(100, job.get("processed").asLong());
        assertEquals(6, injected("ProvisionedThroughputExceededException") - throttled);
        assertTrue(failedDeliveries() >= 1, "the cancelled checkpoint sent the task back to SQS");
        assertViewFree("shop-detail");
    }

    @Test
    void failsTheJobWithTheReason_whenACheckpointKeepsBeingRejectedUntilTheTaskReachesTheDlq() {
        cloud.pollers().pause(WORKER);
        String jobId = startJob("shop-list", ids("invalid-", 100));
        dynamo.failRate(Set.of("TransactWriteItems"), 1.0,
                DynamoDbError.transactionCanceled(List.of("None", "ValidationError")));
        cloud.pollers().resume(WORKER);

        JsonNode job = awaitJob(jobId);
        dynamo.clear();

        assertEquals("failed", job.get("state").asText(), job.toString());
        String reason = job.get("reason").asText();
        assertTrue(reason.startsWith("task " + jobId + ":shop-list:i0 exhausted its retries"), reason);
        assertTrue(reason.contains("ValidationError"), reason);
        assertViewFree("shop-list");
    }

    @Test
    void failsAJobWhoseWorkerStoppedRenewingItsLease_andFreesTheView() {
        cloud.pollers().pause(WORKER); // the worker function is disabled: nothing renews the lease
        String jobId = startJob("shop-detail", ids("abandoned-", 10));

        JsonNode job = awaitJob(jobId); // JobWatchdogFunction, on its 1-minute schedule

        assertEquals("failed", job.get("state").asText(), job.toString());
        assertTrue(job.get("reason").asText().startsWith("lease expired: no worker progress since "), job.toString());
        cloud.pollers().resume(WORKER); // its task comes back now and is dropped: the job has ended
        assertViewFree("shop-detail");
        assertEquals("failed", api.get("/admin/reimports/" + jobId).body().get("state").asText());
    }

    @Test
    void keepsTheFirstHundredFailedIds_andCountsEveryFailure_whenTheSourceFails() {
        source.failNext(1_000_000);
        String jobId = startJob("shop-list", ids("unreachable-", 1500));

        JsonNode job = awaitJob(jobId);
        source.failNext(0);

        assertEquals("failed", job.get("state").asText(), job.toString());
        assertEquals(1500, job.get("processed").asLong());
        assertEquals(1500, job.get("failed").asLong());
        assertEquals(100, job.get("failedIds").size());
        assertViewFree("shop-list");
    }
}
