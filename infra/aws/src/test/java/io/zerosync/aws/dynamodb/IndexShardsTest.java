package io.zerosync.aws.dynamodb;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexShardsTest {

    @Test
    void keepsTheDocumentedCrc32Shards_soStoredKeysStayFindable() {
        // CRC-32 (IEEE) of the UTF-8 shopId mod 32; these values are stored in deployed indexes and must never change.
        IndexShards shards = new IndexShards(32);
        assertEquals(16, shards.of("shop-1"));
        assertEquals(25, shards.of("01JDXYZ"));
        assertEquals(3, shards.of("a"));
        assertEquals(0, shards.of(""));
    }

    @Test
    void spreadsManyShopsOverEveryShard_whenIdsAreRandom() {
        IndexShards shards = new IndexShards(32);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int shard = shards.of(java.util.UUID.randomUUID().toString());
            assertTrue(shard >= 0 && shard < 32);
            seen.add(shard);
        }
        assertEquals(32, seen.size());
    }

    @Test
    void labelsShardsWithThreeDigits_soKeysSortAndParseAlike() {
        assertEquals("007", IndexShards.label(7));
        assertEquals("999", IndexShards.label(999));
        assertEquals("2026-11-24#007", ShopItems.updatedShard("2026-11-24", 7));
        assertEquals("pending#031", ShopItems.pending(31));
    }

    @Test
    void refusesAShardCountOutsideOneToAThousand() {
        assertThrows(IllegalArgumentException.class, () -> new IndexShards(0));
        assertThrows(IllegalArgumentException.class, () -> new IndexShards(1001));
    }
}
