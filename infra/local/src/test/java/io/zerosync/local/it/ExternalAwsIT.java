package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.local.ExternalAws;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.emulators.LocalAws;
import io.zerosync.local.faults.FaultRates;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A local cloud started on external AWS endpoints (what the LocalStack leg does with LocalStack's edge URL),
 * here DynamoDB Local, ElasticMQ and an SNS endpoint started apart from it: the template is provisioned there,
 * and the API, the pollers and the sync functions all work on those services, not on embedded ones.
 */
class ExternalAwsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static SeparateEmulators emulators;
    private static ExternalAws endpoints;
    private static LocalCloud cloud;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static SnsClient sns;

    @BeforeAll
    static void start() {
        emulators = SeparateEmulators.start();
        endpoints = emulators.endpoints();
        dynamo = LocalAws.syncClient(DynamoDbClient.builder(), endpoints.dynamoDb());
        sqs = LocalAws.syncClient(SqsClient.builder(), endpoints.sqs());
        sns = LocalAws.syncClient(SnsClient.builder(), endpoints.sns());
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(TestClouds.template(), TestClouds.TOKEN)
                .withExternalAws(endpoints));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[]{cloud, sns, sqs, dynamo, emulators}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }

    @Test
    void theCloudUsesTheGivenEndpoints_andEveryFunctionIsToldThem() {
        assertTrue(cloud.usesExternalAws());
        assertEquals(endpoints.dynamoDb(), cloud.dynamoDbEndpoint());
        assertEquals(endpoints.sqs(), cloud.sqsEndpoint());
        assertEquals(endpoints.sns(), cloud.snsEndpoint());
        for (String function : cloud.stack().functions()) {
            Map<String, String> env = cloud.environmentOf(function).variables();
            assertEquals(endpoints.dynamoDb().toString(), env.get("ZEROSYNC_LOCAL_DYNAMODB_ENDPOINT"), function);
            assertEquals(endpoints.sqs().toString(), env.get("ZEROSYNC_LOCAL_SQS_ENDPOINT"), function);
            assertEquals(endpoints.sns().toString(), env.get("ZEROSYNC_LOCAL_SNS_ENDPOINT"), function);
        }
    }

    @Test
    void theTemplatesResourcesAreProvisionedOnTheExternalServices() {
        List<String> tables = dynamo.listTables().tableNames();
        List<String> queues = sqs.listQueues().queueUrls();
        List<String> topics = sns.listTopics().topics().stream().map(Topic::topicArn).toList();
        cloud.stack().resources().forEach((id, physical) -> {
            switch (physical.type()) {
                case "AWS::DynamoDB::Table" -> assertTrue(tables.contains(physical.name()), id + " in " + tables);
                case "AWS::SQS::Queue" -> assertTrue(queues.contains(physical.url()), id + " in " + queues);
                case "AWS::SNS::Topic" -> assertTrue(topics.contains(physical.arn()), id + " in " + topics);
                default -> {
                }
            }
        });
        assertTrue(tables.containsAll(List.of("ShopsTable", "zerosync-local-view-shop-detail", "zerosync-local-view-shop-list")), tables.toString());
        String topic = cloud.stack().resource("ShopChangedTopic").arn();
        List<String> subscribed = sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().stream()
                .map(s -> s.endpoint()).toList();
        assertTrue(subscribed.containsAll(List.of(cloud.stack().resource("ShopDetailView.Queue").arn(),
                cloud.stack().resource("ShopListView.Queue").arn())), subscribed.toString());
    }

    @Test
    void aWriteThroughTheApiReachesBothViewsOnTheExternalServices() {
        Api api = new Api(cloud);
        String id = api.createShop("Elsewhere", "korean");
        // The write side stored it in the external DynamoDB, not in one of the cloud's own.
        assertTrue(dynamo.getItem(r -> r.tableName("ShopsTable").consistentRead(true)
                .key(Map.of("shopId", AttributeValue.fromS(id)))).hasItem());
        // SNS (external) -> SQS (external) -> the pollers -> the sync functions -> the views (external).
        Eventually.until("shop-detail row in the external DynamoDB", DEADLINE, () -> version("zerosync-local-view-shop-detail", id) == 1);
        Eventually.until("shop-list row in the external DynamoDB", DEADLINE, () -> version("zerosync-local-view-shop-list", id) == 1);
        api.call("PATCH", "/shops/" + id, Map.of("name", "Further"));
        Eventually.until("shop-detail at version 2", DEADLINE, () -> version("zerosync-local-view-shop-detail", id) == 2);
        JsonNode detail = api.get("/shops/" + id).body();
        assertEquals("Further", detail.get("name").asText());
        Eventually.until("queues drained", DEADLINE, () -> depth("ShopDetailView.Queue") + depth("ShopListView.Queue") == 0);
    }

    @Test
    void faultInjectionIsRefusedOnExternalEndpoints_itsSnsFaultsNeedTheEmbeddedSnsEndpoint() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LocalCloud.start(
                LocalCloudOptions.ephemeral(TestClouds.template(), TestClouds.TOKEN).withExternalAws(endpoints)
                        .withFaults(FaultRates.none(), 1)));
        assertTrue(refused.getMessage().contains("fault injection"), refused.getMessage());
    }

    private static long version(String table, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
        return item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0;
    }

    private static int depth(String queue) {
        return sqs.getQueueAttributes(r -> r.queueUrl(cloud.stack().resource(queue).url())
                        .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().values().stream().mapToInt(Integer::parseInt).sum();
    }
}
