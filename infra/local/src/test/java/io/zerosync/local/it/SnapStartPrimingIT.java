package io.zerosync.local.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.functions.admin.AdminApiHandler;
import io.zerosync.functions.admin.JobWatchdogHandler;
import io.zerosync.functions.admin.ReimportTaskDlqHandler;
import io.zerosync.functions.admin.ReimportWorkerHandler;
import io.zerosync.functions.http.CommandApiHandler;
import io.zerosync.functions.http.QueryApiHandler;
import io.zerosync.functions.http.SourceApiHandler;
import io.zerosync.functions.outbox.OutboxSweeperHandler;
import io.zerosync.functions.sync.ViewSyncHandler;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.emulators.FreePort;
import io.zerosync.local.faults.DynamoDbFaultProxy;
import io.zerosync.local.faults.FaultProxy;
import org.crac.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart's hooks, called as the Lambda runtime would (beforeCheckpoint when a version is published,
 * afterRestore in each restored instance), on the local cloud: priming reaches the real endpoints (the source
 * API and DynamoDB, counted by proxies in front of them), writes nothing, publishes nothing, and every
 * function still answers correctly afterwards.
 */
class SnapStartPrimingIT {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final List<String> WRITES = List.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");
    private static final String PRIMING_ID = "zerosync-priming";
    private static FaultProxy source;
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        int port = FreePort.pick();
        source = FaultProxy.start(port);
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(TestClouds.template(), TestClouds.TOKEN).withHttpPort(port)
                .withoutPollers().withDynamoDbProxy(true).withSourceApiUrl(source.url()));
    }

    @AfterAll
    static void stop() {
        cloud.close();
        source.close();
    }

    @Test
    void theSyncFunctionPrimesItsReadPaths_writesNothing_andSyncsAfterARestore() throws Exception {
        try (ViewSyncHandler handler = new ViewSyncHandler(cloud.environmentOf("ShopDetailView.SyncFunction").variables())) {
            DynamoDbFaultProxy dynamo = cloud.dynamoDbFaults();
            long batchGets = source.calls("/internal/shops/batch-get");
            long reads = dynamo.calls("BatchGetItem");
            long writes = writes();

            checkpointAndRestore(handler.snapStart());

            assertEquals(batchGets + 1, source.calls("/internal/shops/batch-get"), "one batch-get to the source API");
            assertTrue(dynamo.calls("BatchGetItem") > reads, "the view's rows read from DynamoDB");
            assertEquals(writes, writes(), "priming writes nothing");
            assertFalse(cloud.dynamo().getItem(r -> r.tableName("zerosync-local-view-shop-detail")
                    .key(Map.of("shopId", AttributeValue.fromS(PRIMING_ID)))).hasItem());

            String id = new Api(cloud).createShop("Restored", "korean");
            SQSBatchResponse answer = handler.handleRequest(shopChanged(id), Contexts.of("ShopDetailView.SyncFunction"));
            assertEquals(List.of(), answer.getBatchItemFailures());
            assertEquals("1", cloud.dynamo().getItem(r -> r.tableName("zerosync-local-view-shop-detail")
                    .key(Map.of("shopId", AttributeValue.fromS(id)))).item().get("version").n());
        }
    }

    @Test
    void theCommandFunctionPrimesThroughItsOwnRoutes_writesAndPublishesNothing_andCreatesAfterARestore() throws Exception {
        try (CommandApiHandler handler = new CommandApiHandler(cloud.environmentOf("CommandApiFunction").startContext())) {
            DynamoDbFaultProxy dynamo = cloud.dynamoDbFaults();
            long transactions = dynamo.calls("TransactWriteItems");
            long writes = writes();
            long queued = queued("ShopDetailView.Queue");

            checkpointAndRestore(handler.snapStart());

            assertEquals(List.of(404), handler.snapStart().answered(), "PATCH of a shop nobody has");
            assertEquals(transactions + 1, dynamo.calls("TransactWriteItems"), "the cancelled condition-check transaction");
            assertEquals(writes, writes(), "priming writes nothing");
            assertEquals(queued, queued("ShopDetailView.Queue"), "priming announces nothing");
            assertFalse(cloud.dynamo().getItem(r -> r.tableName("ShopsTable")
                    .key(Map.of("shopId", AttributeValue.fromS(PRIMING_ID)))).hasItem());

            APIGatewayProxyRequestEvent create = JSON.readValue(sample("apigw-create-shop.json")
                    .replace("sample-create-1", "snapstart-create-1"), APIGatewayProxyRequestEvent.class);
            assertEquals(201, handler.handleRequest(create, Contexts.of("CommandApiFunction")).getStatusCode());
        }
    }

    @Test
    void theOtherApiFunctionsPrimeWithReadsTheyAnswer() {
        try (QueryApiHandler query = new QueryApiHandler(cloud.environmentOf("QueryApiFunction").startContext());
             SourceApiHandler sourceApi = new SourceApiHandler(cloud.environmentOf("SourceApiFunction").startContext());
             AdminApiHandler admin = new AdminApiHandler(cloud.environmentOf("AdminApiFunction").startContext())) {
            long writes = writes();
            checkpointAndRestore(query.snapStart());
            checkpointAndRestore(sourceApi.snapStart());
            checkpointAndRestore(admin.snapStart());

            assertEquals(List.of(404), query.snapStart().answered());
            assertEquals(List.of(404), sourceApi.snapStart().answered(), "authenticated with the local bearer token, then not found");
            assertEquals(List.of(200, 404), admin.snapStart().answered());
            assertEquals(writes, writes());
        }
    }

    @Test
    void theScheduledAndQueueFunctionsPrimeTheirClientsWithoutWriting() {
        try (OutboxSweeperHandler sweeper = new OutboxSweeperHandler(cloud.environmentOf("OutboxSweeperFunction").startContext());
             JobWatchdogHandler watchdog = new JobWatchdogHandler(cloud.environmentOf("JobWatchdogFunction").startContext());
             ReimportTaskDlqHandler dlq = new ReimportTaskDlqHandler(cloud.environmentOf("ReimportTaskDlqFunction").startContext());
             ReimportWorkerHandler worker = new ReimportWorkerHandler(cloud.environmentOf("ReimportWorkerFunction").startContext())) {
            DynamoDbFaultProxy dynamo = cloud.dynamoDbFaults();
            long gets = dynamo.calls("GetItem");
            long batchGets = source.calls("/internal/shops/batch-get");
            long writes = writes();

            for (Resource hooks : List.of(sweeper.snapStart(), watchdog.snapStart(), dlq.snapStart(), worker.snapStart())) {
                checkpointAndRestore(hooks);
            }

            assertTrue(dynamo.calls("GetItem") >= gets + 4, "a read of the priming shop or job by each");
            // One batch-get per view: each view reads through its own source reader (both views read the shops here).
            assertEquals(batchGets + 2, source.calls("/internal/shops/batch-get"), "each view's source reader");
            assertEquals(writes, writes());
        }
    }

    private static void checkpointAndRestore(Resource hooks) {
        try {
            hooks.beforeCheckpoint(null);
            hooks.afterRestore(null);
        } catch (Exception e) {
            throw new AssertionError("SnapStart hooks failed", e);
        }
    }

    private static long writes() {
        return WRITES.stream().mapToLong(cloud.dynamoDbFaults()::calls).sum();
    }

    private static long queued(String queue) {
        String url = cloud.stack().resource(queue).url();
        return Long.parseLong(cloud.sqs().getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static SQSEvent shopChanged(String shopId) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("snapstart-1");
        message.setBody("{\"type\":\"ShopChanged\",\"eventId\":\"6f1c2b1e-3c55-4d7a-9a0e-2f6a1d2b9c11\",\"shopId\":\"" + shopId
                + "\",\"version\":1,\"changedAt\":\"2026-12-05T00:00:00Z\"}");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    private static String sample(String name) throws java.io.IOException {
        try (InputStream in = SnapStartPrimingIT.class.getClassLoader().getResourceAsStream("zerosync-events/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
