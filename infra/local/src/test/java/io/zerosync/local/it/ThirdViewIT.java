package io.zerosync.local.it;

import io.zerosync.kernel.sync.Projection;
import io.zerosync.shop.domain.Shop;
import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.kernel.sync.ContentHash;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adding a read model takes one projection class plus one view block in template.yaml (a nested application
 * of infra/templates/view.yaml) - no new handler, no wiring code, no edit to any other function: the admin API
 * finds it by its queue's registration tags, re-imports and reconciles it. And a view whose queue policy does
 * not let the topic send gets nothing, as on AWS: SNS's delivery is refused and lands in its subscription's DLQ.
 */
class ThirdViewIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String NAME_TABLE = "zerosync-local-view-shop-name";
    private static final String GUARDED_TABLE = "zerosync-local-view-shop-guarded";

    /** The test-only third read model: one block. */
    private static final String THIRD_VIEW = """

              # ---- test-only third read model
              ShopNameView:
                Type: AWS::Serverless::Application
                Properties:
                  Location: %s
                  Parameters:
                    ViewName: shop-name
                    Projection: io.zerosync.local.it.ShopNameProjection
                    EntityType: Shop
                    KeyAttribute: shopId
                    SourceApiUrl: !Sub https://${SourceApi}.execute-api.${AWS::Region}.amazonaws.com/${Stage}
                    SourcePath: internal/shops
                    SourceDecoder: io.zerosync.shop.source.ShopDecoder
                    SourceInvokeArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${SourceApi}/${Stage}/*/internal/*
                    TopicArn: !Ref ShopChangedTopic
                    NamePrefix: !Ref AWS::StackName
                    AdminRole: !Ref AdminApiFunctionRole
                    WorkerRole: !Ref ReimportWorkerFunctionRole
                    QueryRole: !Ref QueryApiFunctionRole
                    SyncQueueVisibilityTimeout: 180
            """;

    /** A fourth view whose queue policy lets another topic send, not ShopChangedTopic. */
    private static final String GUARDED_VIEW = THIRD_VIEW.replace("ShopNameView:", "ShopGuardedView:")
            .replace("ViewName: shop-name", "ViewName: shop-guarded")
            .replace("ShopNameProjection", "ShopGuardedProjection")
            .replace("# ---- test-only third read model", "# ---- test-only view whose queue policy names another topic");

    /** A fifth view whose sync function's role may read its table but not write it; it gives up fast. */
    private static final String DENIED_VIEW = THIRD_VIEW.replace("ShopNameView:", "ShopDeniedView:")
            .replace("ViewName: shop-name", "ViewName: shop-denied")
            .replace("ShopNameProjection", "ShopDeniedProjection")
            .replace("SyncQueueVisibilityTimeout: 180", "SyncQueueVisibilityTimeout: 3\n        SyncFunctionTimeout: 3\n        MaxReceiveCount: 2")
            .replace("# ---- test-only third read model", "# ---- test-only view whose sync function may not write its table");

    private static LocalCloud cloud;
    private static Api api;

    @BeforeAll
    static void start() throws IOException {
        Path dir = Files.createTempDirectory("template-third-view");
        dir.toFile().deleteOnExit();
        Path viewTemplate = ViewBlocks.viewTemplate();
        String view = Files.readString(viewTemplate);
        int policy = view.indexOf("\n  QueuePolicy:");
        int condition = view.indexOf("aws:SourceArn: !Ref TopicArn", policy);
        Path wrong = dir.resolve("view-wrong-policy.yaml");
        Files.writeString(wrong, view.substring(0, condition)
                + "aws:SourceArn: arn:aws:sns:us-east-1:000000000000:SomeOtherTopic"
                + view.substring(condition + "aws:SourceArn: !Ref TopicArn".length()));
        wrong.toFile().deleteOnExit();
        int crud = view.indexOf("- DynamoDBCrudPolicy:", view.indexOf("\n  SyncFunction:"));
        Path readOnly = dir.resolve("view-read-only-sync.yaml");
        Files.writeString(readOnly, view.substring(0, crud) + "- DynamoDBReadPolicy:"
                + view.substring(crud + "- DynamoDBCrudPolicy:".length()));
        readOnly.toFile().deleteOnExit();

        Path file = ViewBlocks.templateWith(THIRD_VIEW.formatted(viewTemplate),
                GUARDED_VIEW.formatted(wrong.toAbsolutePath()), DENIED_VIEW.formatted(readOnly.toAbsolutePath()));
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(file, TestClouds.TOKEN));
        api = new Api(cloud);
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void aThirdViewNeedsOnlyItsProjectionAndOneBlock_andTheAdminApiFindsIt() {
        String id = api.createShop("Third", "korean");
        api.call("PATCH", "/shops/" + id, Map.of("name", "Third, renamed"));

        Map<String, AttributeValue> row = Eventually.await("the third view's row", DEADLINE, () -> row(NAME_TABLE, id),
                item -> item != null && item.containsKey("version") && item.get("version").n().equals("2"));
        assertEquals("Third, renamed", row.get("name").s());
        assertTrue(row.containsKey("syncedAt") && row.containsKey("changedAt"));
        assertEquals("1", row.get("projectionVersion").n(), "rows carry the version of the projection that wrote them");
        assertEquals(ContentHash.of(Map.of("name", "Third, renamed")), row.get("contentHash").s());
        assertEquals(Map.of("name", 1), Map.of("name", row.keySet().stream()
                .filter(k -> !k.equals("shopId") && !k.equals("version") && !k.equals("changedAt")
                        && !k.equals("syncedAt") && !k.equals("projectionVersion") && !k.equals("contentHash"))
                .toList().size()), "only the projection's fields are stored");

        // Registered by its queue's tags: the admin API lists it...
        Api.Reply views = api.get("/admin/views");
        assertEquals(200, views.status(), views.raw().body());
        List<String> names = views.body().get("views").findValuesAsText("view");
        assertTrue(names.containsAll(List.of("shop-detail", "shop-list", "shop-name")), names.toString());

        // ...reconciles it: a row gone from the view is drift...
        cloud.dynamo().deleteItem(r -> r.tableName(NAME_TABLE).key(Map.of("shopId", AttributeValue.fromS(id))));
        Map<String, Object> scope = Map.of("type", "ids", "ids", List.of(id));
        Api.Reply drift = api.post("/admin/views/shop-name/reconcile", Map.of("scope", scope, "repair", false));
        assertEquals(200, drift.status(), drift.raw().body());
        assertEquals(1, drift.body().at("/missing/count").asInt(), drift.raw().body());

        // ...and re-imports it: a rebuild writes the row back.
        Api.Reply started = api.post("/admin/reimports", Map.of("view", "shop-name", "mode", "rebuild", "scope", scope));
        assertEquals(202, started.status(), started.raw().body());
        JsonNode job = Eventually.await("the shop-name rebuild", DEADLINE, () -> api.get("/admin/reimports/" + started.text("jobId")).body(),
                j -> List.of("succeeded", "failed", "cancelled").contains(j.get("state").asText()));
        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals("Third, renamed", row(NAME_TABLE, id).get("name").s());
        assertEquals(0, api.post("/admin/views/shop-name/reconcile", Map.of("scope", scope, "repair", false)).body()
                .at("/missing/count").asInt());
    }

    @Test
    void aViewWhoseQueuePolicyNamesAnotherTopicReceivesNothing_andSnsRedrivesToItsSubscriptionDlq() {
        long failedBefore = cloud.snsDeliveryStats().notificationsFailed();
        String dlq = cloud.stack().resource("ShopGuardedView.SubscriptionDlq").url();
        long redrivenBefore = depth(dlq);
        String id = api.createShop("Guarded", "korean");

        // The same announcement reaches a view whose policy lets the topic send...
        Eventually.until("shop-name got it", DEADLINE, () -> !row(NAME_TABLE, id).isEmpty());
        // ...and is refused by the guarded view's queue: SNS puts it in that subscription's DLQ.
        Eventually.until("the refused delivery in the guarded view's subscription DLQ", DEADLINE,
                () -> depth(dlq) > redrivenBefore);
        assertTrue(cloud.snsDeliveryStats().notificationsFailed() > failedBefore);
        assertEquals(0, depth(cloud.stack().resource("ShopGuardedView.Queue").url()), "nothing reached the queue");
        assertTrue(row(GUARDED_TABLE, id).isEmpty(), "the guarded view has no row");
    }

    @Test
    void aSyncFunctionWhoseRoleMayNotWriteItsTableIsDenied_onTheWire_andTheMessageEndsInItsDlq() {
        String dlq = cloud.stack().resource("ShopDeniedView.Dlq").url();
        long before = depth(dlq);
        String id = api.createShop("Denied", "korean");

        // DynamoDB answers the function's write with AccessDenied (its read policy allows only reads)...
        Eventually.until("the denied write", DEADLINE, () -> cloud.accessDenials().stream().anyMatch(d ->
                d.principal().equals("ShopDeniedView.SyncFunction") && d.action().startsWith("dynamodb:")
                        && d.resource().endsWith("table/zerosync-local-view-shop-denied")));
        // ...the batch item fails, is received again, and moves to the view's DLQ: not lost.
        Eventually.until("the announcement in shop-denied's DLQ", DEADLINE, () -> depth(dlq) > before);
        assertTrue(row("zerosync-local-view-shop-denied", id).isEmpty(), "nothing was written");
        // The other views' functions, granted by their view stacks, were not refused anything.
        assertTrue(cloud.accessDenials().stream().allMatch(d -> d.principal().equals("ShopDeniedView.SyncFunction")),
                cloud.accessDenials().toString());
    }

    private static Map<String, AttributeValue> row(String table, String id) {
        return cloud.dynamo().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
    }

    private static long depth(String url) {
        return ViewBlocks.depth(cloud, url);
    }
}
