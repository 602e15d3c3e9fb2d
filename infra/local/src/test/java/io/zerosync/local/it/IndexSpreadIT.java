package io.zerosync.local.it;

import io.zerosync.local.LocalCloud;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issue-8 Done-when: sixty-four shops written in one run (all in ONE category) spread over at least eight
 * partition keys on every index of every table that those writes touch. The indexes come from template.yaml,
 * so an index added later is checked too (or must be named below with the reason it is exempt).
 */
class IndexSpreadIT {
    private static final int SHOPS = 64;
    private static final int MIN_PARTITION_KEYS = 8;
    private static final String CATEGORY = "spread";
    /**
     * Indexes another part of issue 8 shards on its own branch (the read side's listing, part "category").
     * MERGE NOTE for the lead: empty this set once that part is merged; the test then holds them to the bound.
     */
    private static final Set<String> OWNED_BY_THE_CATEGORY_PART = Set.of();
    /** Indexes no command writes (re-import jobs are created by operators, not per command). */
    private static final Set<String> NOT_ON_THE_COMMAND_PATH = Set.of("ByCreatedAt");
    /** Sparse indexes whose entries live only until the change is announced: read while announcing is down. */
    private static final Set<String> TRANSIENT = Set.of("PendingAnnouncements");

    private static LocalCloud cloud;
    private static Api api;

    @BeforeAll
    static void start() {
        cloud = TestClouds.live();
        api = new Api(cloud);
    }

    private record Index(String table, String name, String hashKey) {
    }

    /**
     * Every GSI of every table the template provisions, view blocks included, as DynamoDB describes them (a view
     * table's index is declared through its block's parameters and conditions: the provisioned table is the truth).
     */
    private static List<Index> indexesOfTheTemplate() {
        List<Index> indexes = new ArrayList<>();
        cloud.stack().resources().forEach((logicalId, physical) -> {
            if (!"AWS::DynamoDB::Table".equals(physical.type())) {
                return;
            }
            var table = cloud.dynamo().describeTable(r -> r.tableName(physical.name())).table();
            for (var gsi : table.globalSecondaryIndexes()) {
                String hash = gsi.keySchema().stream().filter(k -> k.keyTypeAsString().equals("HASH"))
                        .map(k -> k.attributeName()).findFirst().orElseThrow();
                indexes.add(new Index(logicalId, gsi.indexName(), hash));
            }
        });
        return indexes;
    }

    /** Distinct partition-key values among the index entries of these shops (entries carry the table key). */
    private static Set<String> partitionKeys(Index index, Set<String> shopIds) {
        String table = cloud.stack().resource(index.table()).name();
        Set<String> keys = new HashSet<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = cloud.dynamo().scan(r -> r.tableName(table).indexName(index.name()).exclusiveStartKey(from));
            for (Map<String, AttributeValue> entry : page.items()) {
                AttributeValue id = entry.get("shopId");
                if (id != null && shopIds.contains(id.s())) {
                    keys.add(entry.get(index.hashKey()).s());
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    @Test
    void sixtyFourShopsInOneCategorySpreadOverAtLeastEightPartitionKeys_onEveryIndexTheirWritesTouch() throws Exception {
        Set<String> written = new HashSet<>();
        for (int i = 0; i < SHOPS; i++) {
            written.add(api.createShop("Spread " + i, CATEGORY));
        }
        // The read models have all of them (each view table's indexes hold their entries once synced).
        Eventually.awaitUntil("the views to hold the shops", () -> written.stream()
                .allMatch(id -> api.get("/shops/" + id).status() == 200));

        // Then the same writes with announcing down (the command function's SNS unreachable): their outbox entries stay.
        Set<String> unannounced = new HashSet<>();
        var broken = cloud.environmentOf("CommandApiFunction").with(Map.of("ZEROSYNC_LOCAL_SNS_ENDPOINT",
                "http://localhost:" + io.zerosync.local.emulators.FreePort.pick()));
        try (var context = broken.startContext()) {
            var commands = context.getBean(io.zerosync.shop.command.ShopCommands.class);
            for (int i = 0; i < SHOPS; i++) {
                unannounced.add(commands.create(Api.shop("Pending " + i, CATEGORY), null).shopId());
            }
        }

        List<Index> indexes = indexesOfTheTemplate();
        assertTrue(indexes.size() >= 4, "the template's indexes were found: " + indexes);
        Map<String, Integer> spread = new TreeMap<>();
        Map<String, String> exempt = new LinkedHashMap<>();
        for (Index index : indexes) {
            if (OWNED_BY_THE_CATEGORY_PART.contains(index.name())) {
                exempt.put(index.name(), "owned by the category part");
                continue;
            }
            Set<String> keys = partitionKeys(index, TRANSIENT.contains(index.name()) ? unannounced : written);
            if (keys.isEmpty()) {
                assertTrue(NOT_ON_THE_COMMAND_PATH.contains(index.name()),
                        index + " holds none of the written shops: a written index must hold them, an unwritten one be named");
                exempt.put(index.name(), "not written by commands");
                continue;
            }
            spread.put(index.table() + "." + index.name(), keys.size());
        }
        assertTrue(spread.keySet().containsAll(List.of("ShopsTable.ByUpdatedAt", "ShopsTable.PendingAnnouncements")),
                "the write side's indexes were measured: " + spread);
        spread.forEach((index, count) -> assertTrue(count >= MIN_PARTITION_KEYS,
                index + " put " + SHOPS + " shops under " + count + " partition keys (want >= " + MIN_PARTITION_KEYS
                        + "); all: " + spread + ", exempt: " + exempt));
        assertEquals(indexes.size(), spread.size() + exempt.size());
    }
}
