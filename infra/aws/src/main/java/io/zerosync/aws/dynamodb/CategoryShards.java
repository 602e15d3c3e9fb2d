package io.zerosync.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * The shop-list table's sharded index key: {@code categoryShard = <category>#<shard>}, where the shard is
 * CRC-32 of the shop ID's UTF-8 bytes modulo {@code count} (template parameter CategoryShards). A hot
 * category's writes thus spread over {@code count} partitions of ByCategory instead of one; a listing
 * reads every shard and merges them by {@code listKey}. A shop never changes shard (its ID is fixed), so
 * a row moves only when its category does.
 */
public record CategoryShards(int count) implements IndexKeys {
    public static final String ATTRIBUTE = "categoryShard";
    /** The projected field the key is built from (ShopListProjection writes it). */
    public static final String CATEGORY = "category";
    /** Every listing page reads every shard: keep that fan-out bounded. */
    public static final int MAX = 32;

    public CategoryShards {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("CategoryShards must be between 1 and " + MAX + ": " + count);
        }
    }

    public static int shardOf(String shopId, int count) {
        CRC32 crc = new CRC32();
        crc.update(shopId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }

    public String keyOf(String category, String shopId) {
        return category + "#" + shardOf(shopId, count);
    }

    /** The partition keys one category's rows live under, in shard order. */
    public List<String> keysOf(String category) {
        return IntStream.range(0, count).mapToObj(i -> category + "#" + i).toList();
    }

    @Override
    public Set<String> names() {
        return Set.of(ATTRIBUTE);
    }

    @Override
    public Map<String, AttributeValue> of(String shopId, Map<String, Object> fields) {
        return fields.get(CATEGORY) instanceof String category
                ? Map.of(ATTRIBUTE, AttributeValue.fromS(keyOf(category, shopId))) : Map.of();
    }
}
