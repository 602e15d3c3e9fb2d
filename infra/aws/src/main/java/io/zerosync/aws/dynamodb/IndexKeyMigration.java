package io.zerosync.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One-off re-keying of ShopsTable items written before the indexes were sharded (or under another shard
 * count): sets {@code updatedShard} from {@code updatedAt} and the shard function, removes the old
 * {@code updatedDay}, and moves a pending outbox mark to its shard ({@code pending#<shard>}). Idempotent and
 * safe beside live traffic: each rewrite is conditional on the version it read, and a newer write already
 * carries the new keys. Run it after the sharded ByUpdatedAt index exists (README: "Sharded indexes").
 *
 * <p>{@code java -cp zerosync-functions.jar io.zerosync.aws.dynamodb.IndexKeyMigration <ShopsTable> <IndexShards>}
 */
public final class IndexKeyMigration {
    private final DynamoDbClient dynamo;
    private final String table;
    private final IndexShards shards;

    public IndexKeyMigration(DynamoDbClient dynamo, String table, int indexShards) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = new IndexShards(indexShards);
    }

    /** What a run did: items rewritten, and the IDs of items it could not read (no version, no timestamp). */
    public record Result(long rewritten, List<String> unreadable) {
    }

    /** Re-keys every item of one scan segment that needs it. */
    public Result run(int segment, int totalSegments) {
        long rewritten = 0;
        List<String> unreadable = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(r -> r.tableName(table).segment(segment).totalSegments(totalSegments)
                    .projectionExpression("#id, #v, #u, #s, #d, #a")
                    .expressionAttributeNames(Map.of("#id", ShopItems.SHOP_ID, "#v", ShopItems.VERSION,
                            "#u", ShopItems.UPDATED_AT, "#s", ShopItems.UPDATED_SHARD, "#d", ShopItems.UPDATED_DAY,
                            "#a", ShopItems.ANNOUNCE))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                if (!readable(item)) {
                    // Left as it is for an operator (the outbox sweeper reports such items too).
                    unreadable.add(item.get(ShopItems.SHOP_ID).s());
                } else if (rekey(item)) {
                    rewritten++;
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Result(rewritten, unreadable);
    }

    private static boolean readable(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(ShopItems.VERSION);
        AttributeValue updatedAt = item.get(ShopItems.UPDATED_AT);
        if (version == null || updatedAt == null || updatedAt.s() == null) {
            return false;
        }
        try {
            Timestamps.parse(updatedAt.s());
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private boolean rekey(Map<String, AttributeValue> item) {
        String id = item.get(ShopItems.SHOP_ID).s();
        int shard = shards.of(id);
        String wantedShard = ShopItems.updatedShard(Timestamps.day(Timestamps.parse(item.get(ShopItems.UPDATED_AT).s())), shard);
        AttributeValue announce = item.get(ShopItems.ANNOUNCE);
        boolean shardOk = item.containsKey(ShopItems.UPDATED_SHARD) && wantedShard.equals(item.get(ShopItems.UPDATED_SHARD).s());
        boolean announceOk = announce == null || ShopItems.pending(shard).equals(announce.s());
        if (shardOk && announceOk && !item.containsKey(ShopItems.UPDATED_DAY)) {
            return false;
        }
        Map<String, String> names = new HashMap<>(Map.of("#s", ShopItems.UPDATED_SHARD, "#d", ShopItems.UPDATED_DAY,
                "#v", ShopItems.VERSION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":s", ShopItems.s(wantedShard),
                ":v", item.get(ShopItems.VERSION)));
        if (!announceOk) {
            // Only a mark that is still there moves; one cleared meanwhile (announced) stays cleared.
            names.put("#a", ShopItems.ANNOUNCE);
            values.put(":a", ShopItems.s(ShopItems.pending(shard)));
        }
        String update = announceOk ? "SET #s = :s" : "SET #s = :s, #a = :a";
        String condition = "#v = :v" + (announceOk ? "" : " AND attribute_exists(#a)");
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Map.of(ShopItems.SHOP_ID, ShopItems.s(id)))
                    .updateExpression(update + " REMOVE #d").conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            // A newer write (new keys already) or an announcement got there first: nothing left to move.
            return false;
        }
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: IndexKeyMigration <ShopsTable name> <IndexShards> [segments]");
            System.exit(2);
        }
        int segments = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        try (DynamoDbClient dynamo = DynamoDbClient.create()) {
            IndexKeyMigration migration = new IndexKeyMigration(dynamo, args[0], Integer.parseInt(args[1]));
            long total = 0;
            List<String> unreadable = new ArrayList<>();
            for (int segment = 0; segment < segments; segment++) {
                Result result = migration.run(segment, segments);
                total += result.rewritten();
                unreadable.addAll(result.unreadable());
            }
            System.out.println("re-keyed " + total + " item(s) of " + args[0] + " to " + args[1] + " index shards");
            if (!unreadable.isEmpty()) {
                System.out.println("left " + unreadable.size() + " unreadable item(s) as they are: " + unreadable);
            }
        }
    }
}
