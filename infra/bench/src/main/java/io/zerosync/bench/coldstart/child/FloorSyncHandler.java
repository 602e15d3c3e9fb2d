package io.zerosync.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The floor for a sync function: the least a plain-Java handler can do for the same batch with the same
 * calls - decode the SQS/SNS envelopes, one batch-get to the source API over HTTP, one conditional PutItem
 * per shop into the view table. No framework, no projection, no content hash; nothing here is reused.
 */
public final class FloorSyncHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final DynamoDbClient dynamo = FloorClients.build(DynamoDbClient.builder(), "ZEROSYNC_LOCAL_DYNAMODB_ENDPOINT");
    private final URI batchGet = URI.create(System.getenv("ZEROSYNC_SOURCE_API_URL").replaceAll("/+$", "")
            + "/internal/shops/batch-get");
    private final String token = System.getenv("ZEROSYNC_LOCAL_ADMIN_TOKEN");
    private final String table = System.getenv("ZEROSYNC_VIEW_TABLE");

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try {
            List<String> ids = new ArrayList<>();
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                JsonNode envelope = JSON.readTree(message.getBody());
                JsonNode changed = envelope.has("Message") ? JSON.readTree(envelope.get("Message").asText()) : envelope;
                ids.add(changed.get("shopId").asText());
            }
            ObjectNode body = JSON.createObjectNode();
            ids.forEach(body.putArray("ids")::add);
            HttpRequest.Builder request = HttpRequest.newBuilder(batchGet).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("batch-get answered " + answer.statusCode());
            }
            for (JsonNode shop : JSON.readTree(answer.body()).get("shops")) {
                String version = shop.get("version").asText();
                try {
                    dynamo.putItem(r -> r.tableName(table)
                            .item(Map.of("shopId", AttributeValue.fromS(shop.get("shopId").asText()),
                                    "version", AttributeValue.fromN(version),
                                    "name", AttributeValue.fromS(shop.path("name").asText()),
                                    "document", AttributeValue.fromS(shop.toString())))
                            .conditionExpression("attribute_not_exists(shopId) OR version < :v")
                            .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(version))));
                } catch (ConditionalCheckFailedException newer) {
                    // Already at this version or newer: nothing to write.
                }
            }
            return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
