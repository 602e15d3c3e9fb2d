package io.zerosync.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Consistent BatchGetItem by shopId in chunks of 100, retrying unprocessed keys with backoff (DynamoDB
 * returns them under load instead of failing).
 */
final class BatchReads {
    private static final int LIMIT = 100;
    private static final int MAX_ROUNDS = 8;

    private BatchReads() {
    }

    /** Items for the IDs that exist; {@code projection} (with {@code names}) may be null for whole items. */
    static List<Map<String, AttributeValue>> byKey(DynamoDbClient dynamo, String table, String keyAttribute,
                                                  Collection<String> keyValues, String projection,
                                                  Map<String, String> names) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(keyValues));
        for (int from = 0; from < ids.size(); from += LIMIT) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + LIMIT)).stream()
                    .map(id -> Map.of(keyAttribute, AttributeValue.fromS(id))).toList();
            KeysAndAttributes.Builder wanted = KeysAndAttributes.builder().keys(keys).consistentRead(true);
            if (projection != null) {
                wanted.projectionExpression(projection).expressionAttributeNames(names);
            }
            Map<String, KeysAndAttributes> request = Map.of(table, wanted.build());
            for (int round = 0; !request.isEmpty(); round++) {
                if (round >= MAX_ROUNDS) {
                    throw new IllegalStateException("DynamoDB kept keys unprocessed after " + round + " rounds");
                }
                pause(round);
                Map<String, KeysAndAttributes> batch = request;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(batch));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    private static void pause(int round) {
        if (round == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(1000L, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed keys", e);
        }
    }
}
