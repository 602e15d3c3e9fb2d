package io.zerosync.local.provision;

import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.emulators.DynamoDbLocalServer;
import io.zerosync.local.emulators.ElasticMqServer;
import io.zerosync.local.emulators.LocalAws;
import io.zerosync.local.sns.SnsEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** template.yaml provisioned against real DynamoDB Local, ElasticMQ and the SNS endpoint, twice. */
class ProvisionerTest {
    private static DynamoDbLocalServer dynamoServer;
    private static ElasticMqServer sqsServer;
    private static SnsEndpoint snsEndpoint;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static SnsClient sns;
    private static Stack stack;

    @BeforeAll
    static void provision() {
        dynamoServer = DynamoDbLocalServer.start(0);
        sqsServer = ElasticMqServer.start(0);
        dynamo = LocalAws.syncClient(DynamoDbClient.builder(), dynamoServer.endpoint());
        sqs = LocalAws.syncClient(SqsClient.builder(), sqsServer.endpoint());
        snsEndpoint = SnsEndpoint.start(0, sqs, LocalAws.REGION, LocalAws.ACCOUNT_ID);
        sns = LocalAws.syncClient(SnsClient.builder(), snsEndpoint.endpoint());
        Provisioner provisioner = new Provisioner(dynamo, sns, sqs, LocalAws.REGION, LocalAws.ACCOUNT_ID, "");
        Path template = LocalCloudOptions.findTemplate(Path.of("").toAbsolutePath());
        provisioner.provision(template, Map.of());
        stack = provisioner.provision(template, Map.of("MaxReceiveCount", 4)); // again: idempotent
    }

    @AfterAll
    static void stop() {
        sns.close();
        snsEndpoint.close();
        sqs.close();
        sqsServer.close();
        dynamo.close();
        dynamoServer.close();
    }

    @Test
    void tablesHaveTheTemplatesKeysIndexesAndTtl() {
        TableDescription shops = dynamo.describeTable(r -> r.tableName("ShopsTable")).table();
        assertEquals("shopId", shops.keySchema().get(0).attributeName());
        var byUpdatedAt = shops.globalSecondaryIndexes().stream().filter(g -> g.indexName().equals("ByUpdatedAt"))
                .findFirst().orElseThrow();
        assertEquals(List.of("updatedShard", "updatedAt"), byUpdatedAt.keySchema().stream().map(k -> k.attributeName()).toList());
        assertEquals("INCLUDE", byUpdatedAt.projection().projectionTypeAsString(), "keys plus what exports need");
        assertEquals(List.of("version", "deleted"), byUpdatedAt.projection().nonKeyAttributes());
        assertEquals(2, shops.globalSecondaryIndexes().size(), "ByUpdatedAt and the PendingAnnouncements outbox");
        assertEquals(TimeToLiveStatus.ENABLED, dynamo.describeTimeToLive(r -> r.tableName("ShopsTable"))
                .timeToLiveDescription().timeToLiveStatus());
        assertEquals("ByCategory", dynamo.describeTable(r -> r.tableName("zerosync-local-view-shop-list")).table()
                .globalSecondaryIndexes().get(0).indexName());
        long declared = stack.resources().values().stream().filter(r -> r.type().equals("AWS::DynamoDB::Table")).count();
        assertEquals(5, declared);
        assertEquals(declared, dynamo.listTables().tableNames().size(), "each table once, however often provisioned");
    }

    @Test
    void queuesHaveTheirRedrivePolicies_andTopicsTheirSubscriptions() {
        Physical queue = stack.resource("ShopDetailView.Queue");
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queue.url())
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("180", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertTrue(attributes.get(QueueAttributeName.REDRIVE_POLICY).contains(stack.resource("ShopDetailView.Dlq").arn()));
        assertTrue(attributes.get(QueueAttributeName.REDRIVE_POLICY).contains("\"maxReceiveCount\":4"),
                "parameter overrides apply: " + attributes.get(QueueAttributeName.REDRIVE_POLICY));
        var subscriptions = sns.listSubscriptionsByTopic(r -> r.topicArn(stack.resource("ShopChangedTopic").arn()))
                .subscriptions();
        assertEquals(2, subscriptions.size(), "subscribing twice does not duplicate");
        String filter = sns.getSubscriptionAttributes(r -> r.subscriptionArn(subscriptions.get(0).subscriptionArn()))
                .attributes().get("FilterPolicy");
        assertEquals("{\"type\":[\"ShopChanged\"]}", filter);
    }

    @Test
    void eachSubscriptionGetsTheRedrivePolicyToItsOwnDlq() {
        var subscriptions = sns.listSubscriptionsByTopic(r -> r.topicArn(stack.resource("ShopChangedTopic").arn()))
                .subscriptions();
        for (String view : List.of("ShopDetail", "ShopList")) {
            var subscription = subscriptions.stream()
                    .filter(s -> s.endpoint().equals(stack.resource(view + "View.Queue").arn())).findFirst().orElseThrow();
            String policy = sns.getSubscriptionAttributes(r -> r.subscriptionArn(subscription.subscriptionArn()))
                    .attributes().get("RedrivePolicy");
            assertEquals("{\"deadLetterTargetArn\":\"" + stack.resource(view + "View.SubscriptionDlq").arn() + "\"}", policy, view);
        }
    }

    @Test
    void eachViewBlockExpandsIntoItsNamedTaggedQueue_itsTable_andItsGrants() {
        Physical queue = stack.resource("ShopListView.Queue");
        assertEquals("zerosync-local-view-shop-list", queue.name());
        assertEquals("zerosync-local-view-shop-list-dlq", stack.resource("ShopListView.Dlq").name());
        Map<String, String> tags = sqs.listQueueTags(r -> r.queueUrl(queue.url())).tags();
        assertEquals(Map.of("zerosync:view", "shop-list",
                "zerosync:projection", "io.zerosync.shop.views.ShopListProjection",
                "zerosync:table", "zerosync-local-view-shop-list",
                "zerosync:key", "shopId",
                "zerosync:dlq", stack.resource("ShopListView.Dlq").url(),
                "zerosync:source", "https://SourceApi.execute-api.us-east-1.amazonaws.com/dev/internal/shops",
                "zerosync:decoder", "io.zerosync.shop.source.ShopDecoder",
                "zerosync:settings", "categoryShards=16"), tags);
        assertEquals("", sqs.listQueueTags(r -> r.queueUrl(stack.resource("ShopDetailView.Queue").url())).tags()
                .get("zerosync:settings"), "an empty Settings is an empty tag");
        // The optional index: shop-list keeps ByCategory as declared, shop-detail (no IndexName) has none.
        var list = dynamo.describeTable(r -> r.tableName("zerosync-local-view-shop-list")).table();
        assertEquals(List.of("categoryShard", "listKey"), list.globalSecondaryIndexes().get(0).keySchema().stream()
                .map(k -> k.attributeName()).toList());
        assertEquals(List.of("name", "category", "open", "minOrderAmount", "deliveryFee", "menuCount", "cheapestMenuPrice",
                "version", "changedAt", "syncedAt"), list.globalSecondaryIndexes().get(0).projection().nonKeyAttributes());
        assertTrue(dynamo.describeTable(r -> r.tableName("zerosync-local-view-shop-detail")).table()
                .globalSecondaryIndexes().isEmpty());
        // The view stacks' AWS::IAM::Policy documents land on the roles SAM gives the parent's functions.
        assertEquals(2, stack.rolePoliciesOf("AdminApiFunction").size());
        assertEquals(2, stack.rolePoliciesOf("ReimportWorkerFunction").size());
        assertEquals(2, stack.rolePoliciesOf("QueryApiFunction").size());
        assertEquals(0, stack.rolePoliciesOf("CommandApiFunction").size());
        assertTrue(stack.rolePoliciesOf("QueryApiFunction").toString().contains(list.tableArn()));
        // The queue policies are recorded per queue: the two view queues and their subscriptions' DLQs.
        assertEquals(4, stack.queuePolicies().size());
        Map<String, String> sync = stack.environmentOf("ShopListView.SyncFunction");
        assertEquals("shop-list", sync.get("ZEROSYNC_VIEW_NAME"));
        assertEquals("categoryShards=16", sync.get("ZEROSYNC_VIEW_SETTINGS"));
        assertEquals("internal/shops", sync.get("ZEROSYNC_SOURCE_PATH"));
        assertEquals("zerosync-local-view-", stack.environmentOf("AdminApiFunction").get("ZEROSYNC_VIEW_QUEUE_PREFIX"));
    }

    @Test
    void aNestedBlockExpandsIntoScopedResources_withItsConditionsNoValueAndOutputs(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("nested"));
        java.nio.file.Files.writeString(dir.resolve("nested/child.yaml"), """
                Parameters:
                  Name: {Type: String}
                  Extra: {Type: String, Default: ''}
                Conditions:
                  HasExtra: !Not [!Equals [!Ref Extra, '']]
                Resources:
                  Dlq: {Type: AWS::SQS::Queue}
                  Q:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub '${Name}-q'
                      DelaySeconds: !If [HasExtra, 5, !Ref AWS::NoValue]
                      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3}
                Outputs:
                  Url: {Value: !Ref Q}
                """);
        java.nio.file.Files.writeString(dir.resolve("parent.yaml"), """
                Resources:
                  Child:
                    Type: AWS::Serverless::Application
                    Properties: {Location: nested/child.yaml, Parameters: {Name: !Sub '${AWS::StackName}-c'}}
                Outputs:
                  ChildQueue: {Value: !GetAtt Child.Outputs.Url}
                """);
        Map<String, Object> flat = NestedApplications.expand(CfnYaml.read(dir.resolve("parent.yaml")), dir.resolve("parent.yaml"));
        Map<String, Object> resources = TemplateSections.resources(flat);
        assertEquals(List.of("Child.Dlq", "Child.Q"), List.copyOf(resources.keySet()));
        assertEquals(Map.of("Ref", "Child.Q"), TemplateSections.path(flat, "Outputs", "ChildQueue").get("Value"));
        Map<String, Physical> created = new java.util.HashMap<>(Map.of(
                "Child.Dlq", new Physical("Child.Dlq", "AWS::SQS::Queue", "d", "arn:aws:sqs:r:a:d", "http://q/d"),
                "Child.Q", new Physical("Child.Q", "AWS::SQS::Queue", "q", "arn:aws:sqs:r:a:q", "http://q/q")));
        Intrinsics intrinsics = new Intrinsics(Map.of(), created, Map.of("AWS::StackName", "stk"),
                TemplateSections.map(flat.get("Conditions")));
        Map<String, Object> props = TemplateSections.map(intrinsics.resolve(
                TemplateSections.path(resources, "Child.Q", "Properties"), "Child.Q"));
        assertEquals("stk-c-q", props.get("QueueName"), "the block's parameter, resolved in the parent's scope");
        assertTrue(!props.containsKey("DelaySeconds"), "AWS::NoValue drops the property: " + props);
        assertEquals("arn:aws:sqs:r:a:d", TemplateSections.map(props.get("RedrivePolicy")).get("deadLetterTargetArn"));
        assertEquals("http://q/q", intrinsics.resolve(TemplateSections.path(flat, "Outputs", "ChildQueue").get("Value"), "out"));
    }

    @Test
    void aNestedBlockNamingAParameterItsTemplateLacks_isRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("child.yaml"), """
                Parameters:
                  Name: {Type: String}
                Resources:
                  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref Name}}
                Outputs:
                  Url: {Value: !Ref Q}
                """);
        java.nio.file.Files.writeString(dir.resolve("parent.yaml"), """
                Resources:
                  Child:
                    Type: AWS::Serverless::Application
                    Properties: {Location: child.yaml, Parameters: {Name: a, Other: b}}
                """);
        Map<String, Object> parent = CfnYaml.read(dir.resolve("parent.yaml"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NestedApplications.expand(parent, dir.resolve("parent.yaml")));
        assertTrue(e.getMessage().contains("Other"), e.getMessage());
    }

    @Test
    void functionsSeeTheirResolvedEnvironment_andTheirSqsEvents() {
        Map<String, String> env = stack.environmentOf("ShopDetailView.SyncFunction");
        assertEquals("zerosync-local-view-shop-detail", env.get("ZEROSYNC_VIEW_TABLE"));
        assertEquals("iam", env.get("ZEROSYNC_AUTH_MODE"), "Globals are merged in");
        assertTrue(env.get("ZEROSYNC_SOURCE_API_URL").startsWith("https://SourceApi.execute-api.us-east-1"),
                "the sync functions call the source API on its own API");
        assertEquals(stack.resource("ShopChangedTopic").arn(), stack.environmentOf("CommandApiFunction")
                .get("ZEROSYNC_SHOP_CHANGED_TOPIC_ARN"));
        EventSource source = stack.sqsEventSources().stream()
                .filter(s -> s.functionLogicalId().equals("ShopListView.SyncFunction")).findFirst().orElseThrow();
        assertEquals(stack.resource("ShopListView.Queue").url(), source.queueUrl());
        assertTrue(source.reportBatchItemFailures());
        assertEquals(30, source.timeoutSeconds());
        assertTrue(stack.isApiFunction("CommandApiFunction"));
        assertTrue(stack.isApiFunction("SourceApiFunction"));
    }

    @Test
    void readsShortTagsAsLongForm_andNamesAnUnknownReference() {
        Map<String, Object> t = CfnYaml.read("""
                a: !Ref X
                b: !GetAtt Q.Arn
                c: !Sub "${X}-${AWS::Region}"
                d: !Join [",", [!Ref X, y]]
                e: !If [IsProd, p, q]
                """);
        assertEquals(Map.of("Ref", "X"), t.get("a"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Q", "Arn")), t.get("b"));
        Intrinsics intrinsics = new Intrinsics(Map.of("X", "x"), Map.of(), Map.of("AWS::Region", "r"),
                Map.of("IsProd", Map.of("Fn::Equals", List.of("x", Map.of("Ref", "X")))));
        assertEquals("x-r", intrinsics.resolve(t.get("c"), "c"));
        assertEquals("x,y", intrinsics.resolve(t.get("d"), "d"));
        assertEquals("p", intrinsics.resolve(t.get("e"), "e"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> intrinsics.resolve(t.get("b"), "Resources.Thing.Properties.Queue"));
        assertTrue(e.getMessage().contains("Resources.Thing.Properties.Queue") && e.getMessage().contains("\"Q\""));
    }
}
