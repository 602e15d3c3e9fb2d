package io.zerosync.bench.cost;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many shops a view table does not yet hold as the commands left them: a live shop whose row is missing
 * or older than its last acknowledged version, or a deleted shop that still has a live row. Reads with the
 * bench's own client (on the bench's thread, so the meter bills nobody for it).
 */
final class ViewCheck {
    private ViewCheck() {
    }

    static int behind(DynamoDbClient dynamo, String table, Map<String, CommandDriver.Expected> expected) {
        List<String> ids = new ArrayList<>(expected.keySet());
        Map<String, Map<String, AttributeValue>> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .map(id -> Map.of("shopId", AttributeValue.fromS(id))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            var response = dynamo.batchGetItem(r -> r.requestItems(request));
            if (!response.unprocessedKeys().isEmpty()) {
                return Integer.MAX_VALUE; // not all read this time; the caller polls again
            }
            response.responses().getOrDefault(table, List.of()).forEach(item -> rows.put(item.get("shopId").s(), item));
        }
        int behind = 0;
        for (Map.Entry<String, CommandDriver.Expected> e : expected.entrySet()) {
            Map<String, AttributeValue> row = rows.get(e.getKey());
            boolean live = row != null && !(row.containsKey("deleted") && Boolean.TRUE.equals(row.get("deleted").bool()));
            if (e.getValue().deleted() ? live
                    : !live || Long.parseLong(row.get("version").n()) < e.getValue().version()) {
                behind++;
            }
        }
        return behind;
    }
}
