package io.zerosync.local.it;

import io.zerosync.kernel.sync.ContentHash;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adding a read model takes one projection class plus its table, queue, DLQ, subscription and sync
 * function in template.yaml — no new handler, no wiring code.
 */
class ThirdViewIT {
    private static final String THIRD_VIEW = """

              # ---- test-only third read model
              ShopNameTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: shopId, AttributeType: S}]
                  KeySchema: [{AttributeName: shopId, KeyType: HASH}]
              ShopNameDlq:
                Type: AWS::SQS::Queue
              ShopNameQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 180
                  RedrivePolicy: {deadLetterTargetArn: !GetAtt ShopNameDlq.Arn, maxReceiveCount: 3}
              ShopNameSubscription:
                Type: AWS::SNS::Subscription
                Properties:
                  TopicArn: !Ref ShopChangedTopic
                  Protocol: sqs
                  Endpoint: !GetAtt ShopNameQueue.Arn
                  FilterPolicy: {type: [EntityChanged]}
              ShopNameSyncFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: io.zerosync.functions.sync.ViewSyncHandler
                  Timeout: 30
                  Environment:
                    Variables:
                      ZEROSYNC_VIEW_PROJECTION: io.zerosync.local.it.ShopNameProjection
                      ZEROSYNC_VIEW_TABLE: !Ref ShopNameTable
                      ZEROSYNC_SOURCE_API_URL: !Sub https://${SourceApi}.execute-api.${AWS::Region}.amazonaws.com/${Stage}
                  Events:
                    ShopNameQueueEvent:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt ShopNameQueue.Arn
                        FunctionResponseTypes: [ReportBatchItemFailures]
            """;

    @Test
    void aThirdViewNeedsOnlyItsProjectionAndTemplateEntries() throws IOException {
        String template = Files.readString(TestClouds.template());
        int outputs = template.indexOf("\nOutputs:");
        // The block above is indented two spaces: it goes under Resources, before Outputs.
        String extended = template.substring(0, outputs) + THIRD_VIEW.stripTrailing() + "\n" + template.substring(outputs);
        Path file = Files.createTempFile("template-third-view", ".yaml");
        Files.writeString(file, extended);
        file.toFile().deleteOnExit();

        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(file, TestClouds.TOKEN))) {
            Api api = new Api(cloud);
            String id = api.createShop("Third", "korean");
            api.call("PATCH", "/shops/" + id, Map.of("name", "Third, renamed"));

            Map<String, AttributeValue> row = Eventually.await("the third view's row", Duration.ofSeconds(30),
                    () -> cloud.dynamo().getItem(r -> r.tableName("ShopNameTable")
                            .key(Map.of("shopId", AttributeValue.fromS(id)))).item(),
                    item -> item != null && item.containsKey("version") && item.get("version").n().equals("2"));
            assertEquals("Third, renamed", row.get("name").s());
            assertTrue(row.containsKey("syncedAt") && row.containsKey("changedAt"));
            assertEquals("1", row.get("projectionVersion").n(), "rows carry the version of the projection that wrote them");
            assertEquals(ContentHash.of(Map.of("name", "Third, renamed")), row.get("contentHash").s());
            assertEquals(Map.of("name", 1), Map.of("name", row.keySet().stream()
                    .filter(k -> !k.equals("shopId") && !k.equals("version") && !k.equals("changedAt")
                            && !k.equals("syncedAt") && !k.equals("projectionVersion") && !k.equals("contentHash"))
                    .toList().size()), "only the projection's fields are stored");
        }
    }
}
