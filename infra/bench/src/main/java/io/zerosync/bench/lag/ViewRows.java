package io.zerosync.bench.lag;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads when each shop's row was written into one view table ({@code syncedAt}, set by the sync function's
 * clock in this JVM). Read after a run, not polled during it, so the measurement adds no load to the path it
 * measures; the version gate never rewrites a row at the same version, so a row's syncedAt is its first write.
 */
final class ViewRows {
    private static final int BATCH = 100;
    private static final Duration PAUSE = Duration.ofMillis(250);

    private final DynamoDbClient dynamo;
    private final String table;

    ViewRows(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** syncedAt (epoch millis) by shop ID, waiting until every ID has a row or {@code deadline} passes. */
    Map<String, Long> syncedAt(Collection<String> shopIds, Duration deadline) {
        Map<String, Long> found = new HashMap<>();
        List<String> missing = new ArrayList<>(shopIds);
        Instant giveUp = Instant.now().plus(deadline);
        while (true) {
            for (int from = 0; from < missing.size(); from += BATCH) {
                read(missing.subList(from, Math.min(missing.size(), from + BATCH)), found);
            }
            missing.removeIf(found::containsKey);
            if (missing.isEmpty() || Instant.now().isAfter(giveUp)) {
                return found;
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    private void read(List<String> ids, Map<String, Long> into) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        ids.forEach(id -> keys.add(Map.of("shopId", AttributeValue.fromS(id))));
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .projectionExpression("shopId, syncedAt").consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> asked = request;
            BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(asked));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                AttributeValue synced = item.get("syncedAt");
                if (synced != null) {
                    into.put(item.get("shopId").s(), Instant.parse(synced.s()).toEpochMilli());
                }
            }
            request = response.unprocessedKeys();
        }
    }
}
