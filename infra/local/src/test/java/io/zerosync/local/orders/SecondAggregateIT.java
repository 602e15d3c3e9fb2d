package io.zerosync.local.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.events.EntityChanged;
import io.zerosync.events.EntityChangedCodec;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.it.Api;
import io.zerosync.local.it.TestClouds;
import io.zerosync.local.it.ViewBlocks;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proof that the kernel knows no shops: a second aggregate (orders), with its own source and one view, added
 * with nothing but its projection ({@link OrderSummaryProjection}), its source reader ({@link OrderDecoder}) and
 * one view block in the template, goes through event sync, re-import, reconcile and DLQ redrive on the local
 * cloud, through the same admin API as the shop views, and the shop views never see an order.
 */
class SecondAggregateIT {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final String TABLE = "zerosync-local-view-order-summary";

    /** The whole of what adding the view takes in the template. */
    private static final String ORDER_VIEW = """

              # ---- test-only second aggregate: orders, from their own source
              OrderSummaryView:
                Type: AWS::Serverless::Application
                Properties:
                  Location: %s
                  Parameters:
                    ViewName: order-summary
                    Projection: io.zerosync.local.orders.OrderSummaryProjection
                    EntityType: Order
                    KeyAttribute: orderId
                    SourceApiUrl: %s
                    SourcePath: internal/orders
                    SourceDecoder: io.zerosync.local.orders.OrderDecoder
                    SourceInvokeArn: arn:aws:execute-api:us-east-1:000000000000:orders/*/*/internal/*
                    TopicArn: !Ref ShopChangedTopic
                    NamePrefix: !Ref AWS::StackName
                    AdminRole: !Ref AdminApiFunctionRole
                    WorkerRole: !Ref ReimportWorkerFunctionRole
                    QueryRole: !Ref QueryApiFunctionRole
                    # Short, so an announcement the source cannot answer reaches the DLQ in seconds.
                    SyncFunctionTimeout: 5
                    SyncQueueVisibilityTimeout: 5
                    MaxReceiveCount: 2
            """;

    private static OrderSource orders;
    private static LocalCloud cloud;
    private static Api api;

    @BeforeAll
    static void start() throws IOException {
        orders = new OrderSource();
        Path file = ViewBlocks.templateWith(ORDER_VIEW.formatted(ViewBlocks.viewTemplate(), orders.baseUrl()));
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(file, TestClouds.TOKEN));
        api = new Api(cloud);
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
        if (orders != null) {
            orders.close();
        }
    }

    @Test
    void eventsSyncTheOrderView_andNeverReachTheShopViews() {
        announce(orders.create("ord-ev-1", "Ada", 1250));
        assertEquals("Ada", awaitRow("ord-ev-1", 1).get("customer").s());

        announce(orders.change("ord-ev-1", "Ada Lovelace", 1300));
        Map<String, AttributeValue> row = awaitRow("ord-ev-1", 2);
        assertEquals("Ada Lovelace", row.get("customer").s());
        assertEquals("1300", row.get("totalCents").n());

        announce(orders.delete("ord-ev-1"));
        Eventually.until("the order's deletion marker", DEADLINE,
                () -> row("ord-ev-1").containsKey("deleted") && row("ord-ev-1").get("version").n().equals("3"));

        // The query side serves the new view with no code of its own.
        Api.Reply served = api.get("/views/order-summary/rows/ord-ev-1");
        assertEquals(404, served.status(), "deleted: " + served.raw().body());
        announce(orders.create("ord-ev-2", "Bob", 500));
        awaitRow("ord-ev-2", 1);
        served = api.get("/views/order-summary/rows/ord-ev-2");
        assertEquals(200, served.status(), served.raw().body());
        assertEquals("Bob", served.body().at("/fields/customer").asText());
        assertEquals(500, served.body().at("/fields/totalCents").asLong());
        assertEquals("\"1\"", served.header("ETag"));
        assertEquals(404, api.get("/views/no-such-view/rows/ord-ev-2").status());
        assertEquals(400, api.get("/views/Order%20Summary/rows/ord-ev-2").status());

        // The shop views filter on ShopChanged: an order ID never reaches them, not even as a deletion marker.
        for (String view : List.of("shop-detail", "shop-list")) {
            assertTrue(cloud.dynamo().getItem(r -> r.tableName("zerosync-local-view-" + view).consistentRead(true)
                    .key(Map.of("shopId", AttributeValue.fromS("ord-ev-1")))).item().isEmpty(), view);
        }
    }

    @Test
    void aFullReImportBringsBackOrdersWhoseAnnouncementsWereLost_andAReconcileRepairsDrift() {
        for (int i = 0; i < 30; i++) {
            orders.create(String.format("ord-ri-%02d", i), "Customer " + i, 100L * i); // never announced
        }
        JsonNode job = runJob(Map.of("view", "order-summary", "mode", "rebuild", "scope", Map.of("type", "full")));
        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals("Customer 17", row("ord-ri-17").get("customer").s());

        // A hand edit at the same version: content drift, found and repaired like any other view's.
        cloud.dynamo().updateItem(r -> r.tableName(TABLE).key(Map.of("orderId", AttributeValue.fromS("ord-ri-05")))
                .updateExpression("SET customer = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS("Mallory"))));
        Map<String, Object> scope = Map.of("type", "ids", "ids", List.of("ord-ri-05", "ord-ri-06"));
        Api.Reply found = api.post("/admin/views/order-summary/reconcile", Map.of("scope", scope, "repair", false));
        assertEquals(200, found.status(), found.raw().body());
        assertEquals(1, found.body().at("/divergent/count").asInt(), found.raw().body());

        Api.Reply repaired = api.post("/admin/views/order-summary/reconcile", Map.of("scope", scope, "repair", true));
        assertEquals(200, repaired.status(), repaired.raw().body());
        String repairJob = repaired.body().at("/repairJob/jobId").asText();
        JsonNode repair = Eventually.await("the repair job", DEADLINE, () -> api.get("/admin/reimports/" + repairJob).body(),
                j -> List.of("succeeded", "failed", "cancelled").contains(j.get("state").asText()));
        assertEquals("succeeded", repair.get("state").asText(), repair.toString());
        assertEquals("Customer 5", row("ord-ri-05").get("customer").s());
        assertEquals(0, api.post("/admin/views/order-summary/reconcile", Map.of("scope", scope, "repair", false))
                .body().at("/divergent/count").asInt());
    }

    @Test
    void announcementsTheSourceCouldNotAnswerLandInTheViewsDlq_andARedriveSyncsThem() {
        String dlq = cloud.stack().resource("OrderSummaryView.Dlq").url();
        orders.unavailable.add("ord-dlq-1");
        announce(orders.create("ord-dlq-1", "Grace", 999));
        Eventually.until("the announcement in order-summary's DLQ", DEADLINE, () -> depth(dlq) > 0);
        assertTrue(row("ord-dlq-1").isEmpty());

        orders.unavailable.clear(); // the orders team fixed their source
        Api.Reply redrive = api.post("/admin/views/order-summary/dlq/redrive", Map.of());
        assertEquals(200, redrive.status(), redrive.raw().body());
        assertEquals("Grace", awaitRow("ord-dlq-1", 1).get("customer").s());
        assertEquals(0, depth(dlq));

        Api.Reply views = api.get("/admin/views");
        assertTrue(views.body().get("views").findValuesAsText("view").contains("order-summary"), views.raw().body());
    }

    /** What the orders team's write side does after each write: a zero-payload announcement on the topic. */
    private static void announce(Order order) {
        EntityChanged event = EntityChanged.of(Order.ENTITY_TYPE, order.orderId(), order.version(), order.updatedAt());
        cloud.sns().publish(r -> r.topicArn(cloud.stack().resource("ShopChangedTopic").arn())
                .message(EntityChangedCodec.encode(event))
                .messageAttributes(Map.of("type", MessageAttributeValue.builder().dataType("String")
                        .stringValue(event.routingKey()).build())));
    }

    private static JsonNode runJob(Map<String, Object> request) {
        Api.Reply started = api.post("/admin/reimports", request);
        assertEquals(202, started.status(), started.raw().body());
        return Eventually.await("the order-summary job", DEADLINE, () -> api.get("/admin/reimports/" + started.text("jobId")).body(),
                j -> List.of("succeeded", "failed", "cancelled").contains(j.get("state").asText()));
    }

    private static Map<String, AttributeValue> awaitRow(String id, long version) {
        return Eventually.await("order-summary row " + id + " at version " + version, DEADLINE, () -> row(id),
                item -> item.containsKey("version") && Long.parseLong(item.get("version").n()) >= version);
    }

    private static Map<String, AttributeValue> row(String id) {
        return cloud.dynamo().getItem(r -> r.tableName(TABLE).consistentRead(true)
                .key(Map.of("orderId", AttributeValue.fromS(id)))).item();
    }

    private static long depth(String url) {
        return ViewBlocks.depth(cloud, url);
    }
}
