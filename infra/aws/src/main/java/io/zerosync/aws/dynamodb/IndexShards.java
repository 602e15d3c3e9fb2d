package io.zerosync.aws.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which index shard a shop's index entries go to: {@code CRC-32 (IEEE 802.3, java.util.zip.CRC32) of the
 * shopId's UTF-8 bytes, mod count}. The function and the count are part of the stored data: changing
 * either for a deployed stack strands existing entries in the wrong shard, so a new shard count needs the
 * documented re-keying migration (IndexKeyMigration), never just a new template parameter value.
 */
public record IndexShards(int count) {
    /** Labels are zero-padded to three digits, so at most 1000 shards (template.yaml's MaxValue). */
    public static final int MAX = 1000;

    public IndexShards {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("index shards must be between 1 and " + MAX + ", not " + count);
        }
    }

    public int of(String shopId) {
        CRC32 crc = new CRC32();
        crc.update(shopId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }

    /** The shard as it appears in index keys: {@code 007}. */
    public static String label(int shard) {
        return String.format("%03d", shard);
    }
}
