package io.zerosync.local.it;

import io.zerosync.local.LocalCloud;
import io.zerosync.local.provision.Physical;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client signing with a developer's own access key and region (not the local cloud's dummy identity)
 * sees the same tables, queues and topic, and the same data, as the functions do.
 */
class AnyCredentialsIT {
    private static final StaticCredentialsProvider OTHER = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIADEVELOPEROWNKEY1", "a-developers-own-secret"));
    private static final Region OTHER_REGION = Region.EU_WEST_3;
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = TestClouds.quiet();
    }

    @Test
    void dynamoDbListsTheProvisionedTablesAndTheirItems() {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.dynamoDbEndpoint())
                .region(OTHER_REGION).credentialsProvider(OTHER).build()) {
            List<String> tables = dynamo.listTables().tableNames();
            List<String> provisioned = cloud.stack().resources().values().stream()
                    .filter(r -> r.type().equals("AWS::DynamoDB::Table")).map(Physical::name).toList();
            assertTrue(provisioned.size() >= 5, "tables in the template: " + provisioned);
            assertTrue(tables.containsAll(provisioned), "listed with another key: " + tables);
            String id = new Api(cloud).createShop("Seen by any key", "thai");
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(cloud.stack().resource("ShopsTable").name())
                    .consistentRead(true).key(Map.of("shopId", AttributeValue.fromS(id)))).item();
            assertEquals("Seen by any key", item.get("name").s());
        }
    }

    @Test
    void sqsAndSnsListTheProvisionedQueuesAndTopic() {
        try (SqsClient sqs = SqsClient.builder().endpointOverride(cloud.sqsEndpoint())
                .region(OTHER_REGION).credentialsProvider(OTHER).build();
             SnsClient sns = SnsClient.builder().endpointOverride(cloud.snsEndpoint())
                     .region(OTHER_REGION).credentialsProvider(OTHER).build()) {
            List<String> queues = sqs.listQueues().queueUrls();
            String detailQueue = cloud.stack().resource("ShopDetailView.Queue").url();
            assertTrue(queues.contains(detailQueue), detailQueue + " listed with another key: " + queues);
            String topic = cloud.stack().resource("ShopChangedTopic").arn();
            assertTrue(sns.listTopics().topics().stream().anyMatch(t -> t.topicArn().equals(topic)),
                    topic + " listed with another key");
        }
    }
}
