package io.zerosync.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The floor for the command function's POST /shops: decode the API Gateway event and its JSON body, the
 * same TransactWriteItems (the shop, guarded by attribute_not_exists, and the idempotency claim) and the
 * same SNS Publish of EntityChanged, then a 201. No framework, no validation beyond the fields it writes.
 */
public final class FloorCommandHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DynamoDbClient dynamo = FloorClients.build(DynamoDbClient.builder(), "ZEROSYNC_LOCAL_DYNAMODB_ENDPOINT");
    private final SnsClient sns = FloorClients.build(SnsClient.builder(), "ZEROSYNC_LOCAL_SNS_ENDPOINT");
    private final String shops = System.getenv("ZEROSYNC_SHOPS_TABLE");
    private final String idempotency = System.getenv("ZEROSYNC_IDEMPOTENCY_TABLE");
    private final String topic = System.getenv("ZEROSYNC_SHOP_CHANGED_TOPIC_ARN");

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        JsonNode body;
        try {
            body = JSON.readTree(event.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String shopId = "shop-" + UUID.randomUUID();
        String now = Instant.now().toString();
        Put shop = Put.builder().tableName(shops).conditionExpression("attribute_not_exists(shopId)")
                .item(Map.of("shopId", AttributeValue.fromS(shopId), "version", AttributeValue.fromN("1"),
                        "name", AttributeValue.fromS(body.path("name").asText()),
                        "category", AttributeValue.fromS(body.path("category").asText()),
                        "document", AttributeValue.fromS(body.toString()), "updatedAt", AttributeValue.fromS(now)))
                .build();
        Put claim = Put.builder().tableName(idempotency).conditionExpression("attribute_not_exists(idempotencyKey)")
                .item(Map.of("idempotencyKey", AttributeValue.fromS(event.getHeaders().get("Idempotency-Key")),
                        "shopId", AttributeValue.fromS(shopId)))
                .build();
        dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().put(shop).build(),
                TransactWriteItem.builder().put(claim).build()));
        String changed = JSON.createObjectNode().put("type", "ShopChanged").put("eventId", UUID.randomUUID().toString())
                .put("shopId", shopId).put("version", 1).put("changedAt", now).toString();
        sns.publish(r -> r.topicArn(topic).message(changed).messageAttributes(Map.of("type",
                MessageAttributeValue.builder().dataType("String").stringValue("ShopChanged").build())));
        return new APIGatewayProxyResponseEvent().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(JSON.createObjectNode().put("shopId", shopId).put("version", 1).toString());
    }
}
