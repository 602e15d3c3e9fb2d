package io.zerosync.aws.dynamodb;

import io.zerosync.aws.Jitter;
import io.zerosync.shop.domain.Shop;
import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import io.zerosync.shop.port.IdempotencyClaim;
import io.zerosync.shop.port.IdempotencyKeyTakenException;
import io.zerosync.kernel.port.PendingAnnouncement;
import io.zerosync.kernel.port.PendingPage;
import io.zerosync.kernel.port.UnreadablePending;
import io.zerosync.shop.port.VersionConflictException;
import io.zerosync.shop.port.WriteStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@link WriteStore} on the ShopsTable (and IdempotencyTable), with conditional writes on version. */
public final class DynamoDbWriteStore implements WriteStore {
    /** Sparse index of the items whose change is not announced yet (the outbox). */
    public static final String PENDING_ANNOUNCEMENTS = "PendingAnnouncements";
    private static final String PENDING_CURSOR = "pending";
    /** Shards one page of the pending sweep visits at most. */
    static final int MAX_SHARDS_PER_PAGE = 256;
    /** Index shards read at once by one export page or sweep page. */
    static final int PARALLEL_READS = 8;
    /** Attempts of the create transaction when DynamoDB cancels it for a TransactionConflict. */
    static final int CONFLICT_ATTEMPTS = 4;
    private final DynamoDbClient dynamo;
    private final String shopsTable;
    private final String idempotencyTable;
    private final Duration tombstoneTtl;
    private final Duration idempotencyTtl;
    private final IndexShards shards;
    private final ShardedPager pager;
    private final ShopExporter exporter;

    /** How late a change may show in ByUpdatedAt after its updatedAt: the command's 20 s timeout plus index lag. */
    public static final Duration DEFAULT_EXPORT_SETTLE = Duration.ofSeconds(25);

    public DynamoDbWriteStore(DynamoDbClient dynamo, String shopsTable, String idempotencyTable,
                              Duration tombstoneTtl, Duration idempotencyTtl, int indexShards) {
        this(dynamo, shopsTable, idempotencyTable, tombstoneTtl, idempotencyTtl, indexShards, DEFAULT_EXPORT_SETTLE,
                Clock.systemUTC());
    }

    /**
     * @param indexShards  how many shards ByUpdatedAt and PendingAnnouncements are spread over (template.yaml's
     *                     IndexShards); must never change for a stack's data without the re-keying migration
     * @param exportSettle the safety margin of window exports (template.yaml's ExportSettleSeconds): a change
     *                     whose updatedAt is before an export's start is in it if it became visible within this
     */
    public DynamoDbWriteStore(DynamoDbClient dynamo, String shopsTable, String idempotencyTable,
                              Duration tombstoneTtl, Duration idempotencyTtl, int indexShards,
                              Duration exportSettle, Clock clock) {
        this.dynamo = dynamo;
        this.shopsTable = shopsTable;
        this.idempotencyTable = idempotencyTable;
        this.tombstoneTtl = tombstoneTtl;
        this.idempotencyTtl = idempotencyTtl;
        this.shards = new IndexShards(indexShards);
        this.pager = new ShardedPager(READERS, PARALLEL_READS);
        this.exporter = new ShopExporter(dynamo, shopsTable, shards, pager, exportSettle, clock,
                ShopExporter.THREAD_SLEEP);
    }

    /** Shared by every store in the JVM: daemon threads, so a Lambda's or a test's JVM never waits on them. */
    private static final ExecutorService READERS = Executors.newFixedThreadPool(PARALLEL_READS * 2, task -> {
        Thread thread = new Thread(task, "zerosync-index-shard-reader");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public Optional<Shop> find(String shopId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(shopsTable).consistentRead(true)
                .key(Map.of(ShopItems.SHOP_ID, ShopItems.s(shopId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ShopItems.fromItem(item));
    }

    @Override
    public List<Shop> findAll(Collection<String> shopIds) {
        return BatchReads.byKey(dynamo, shopsTable, ShopItems.SHOP_ID, shopIds, null, null).stream().map(ShopItems::fromItem).toList();
    }

    @Override
    public void insert(Shop shop, IdempotencyClaim claim) {
        Put putShop = Put.builder().tableName(shopsTable).item(ShopItems.toItem(shop, tombstoneTtl, shards))
                .conditionExpression("attribute_not_exists(" + ShopItems.SHOP_ID + ")").build();
        if (claim == null) {
            dynamo.putItem(r -> r.tableName(shopsTable).item(putShop.item()).conditionExpression(putShop.conditionExpression()));
            return;
        }
        Put putClaim = Put.builder().tableName(idempotencyTable).item(IdempotencyItems.toItem(claim, idempotencyTtl))
                .conditionExpression("attribute_not_exists(" + IdempotencyItems.KEY + ")").build();
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().put(putShop).build(),
                        TransactWriteItem.builder().put(putClaim).build()));
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                    throw new IdempotencyKeyTakenException(claim.key());
                }
                // A conflict cancels the whole transaction (nothing was written) and the SDK does not retry
                // it: DynamoDB's advice is to retry, so a passing conflict never reaches the client as a 500.
                if (attempt >= CONFLICT_ATTEMPTS || reasons.stream().noneMatch(r -> "TransactionConflict".equals(r.code()))) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Jitter.between(10, 30L * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a conflicted transaction", interrupted);
        }
    }

    @Override
    public void replace(Shop next) {
        try {
            dynamo.putItem(r -> r.tableName(shopsTable).item(ShopItems.toItem(next, tombstoneTtl, shards))
                    .conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", ShopItems.VERSION))
                    .expressionAttributeValues(Map.of(":expected", ShopItems.n(next.version() - 1))));
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflictException(next.shopId(), next.version() - 1);
        }
    }

    @Override
    public Optional<IdempotencyClaim> findClaim(String idempotencyKey) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(idempotencyTable).consistentRead(true)
                .key(Map.of(IdempotencyItems.KEY, ShopItems.s(idempotencyKey)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(IdempotencyItems.fromItem(item));
    }

    @Override
    public void markAnnounced(String shopId, long version) {
        try {
            dynamo.updateItem(r -> r.tableName(shopsTable).key(Map.of(ShopItems.SHOP_ID, ShopItems.s(shopId)))
                    .updateExpression("REMOVE #a").conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#a", ShopItems.ANNOUNCE, "#v", ShopItems.VERSION))
                    .expressionAttributeValues(Map.of(":v", ShopItems.n(version))));
        } catch (ConditionalCheckFailedException newerWrite) {
            // A newer version was written meanwhile; its own announcement (or the sweeper) clears the mark.
        }
    }

    /**
     * Reads only ID, version and time of each pending item (what an announcement needs); an item that is
     * not a readable pending change is handed back as unreadable rather than failing the page. Every shard
     * of the index is read (in parallel, shard after shard in the stream); "oldest first" holds per shard.
     * After the shards, the partition {@code pending} of items marked before the index was sharded.
     */
    @Override
    public PendingPage pendingAnnouncements(Instant writtenBefore, String cursor, int limit) {
        int units = shards.count() + 1;
        String read = PENDING_CURSOR + "|" + shards.count();
        ExportCursor from = ExportCursor.decode(cursor, read);
        ShardedPager.Position start = null;
        if (from != null) {
            int unit = parseUnit(from.position());
            if (unit < 0 || unit >= units) {
                throw new io.zerosync.kernel.input.InvalidInputException("invalid_cursor", "cursor is not one this API issued");
            }
            start = new ShardedPager.Position(unit, from.lastKey());
        }
        String before = Timestamps.format(writtenBefore);
        ShardedPager.Page page = pager.read(units, start, limit, MAX_SHARDS_PER_PAGE,
                (unit, startKey, max) -> dynamo.query(r -> r.tableName(shopsTable).indexName(PENDING_ANNOUNCEMENTS)
                        .keyConditionExpression("#a = :p AND #u < :before")
                        .projectionExpression("#id, #v, #u")
                        .expressionAttributeNames(Map.of("#a", ShopItems.ANNOUNCE, "#u", ShopItems.UPDATED_AT,
                                "#id", ShopItems.SHOP_ID, "#v", ShopItems.VERSION))
                        .expressionAttributeValues(Map.of(":p", ShopItems.s(pendingPartition(unit)),
                                ":before", ShopItems.s(before)))
                        .exclusiveStartKey(startKey)
                        .limit(max)),
                (unit, item) -> Map.of(ShopItems.ANNOUNCE, ShopItems.s(pendingPartition(unit)),
                        ShopItems.UPDATED_AT, item.get(ShopItems.UPDATED_AT), ShopItems.SHOP_ID, item.get(ShopItems.SHOP_ID)));
        List<PendingAnnouncement> readable = new ArrayList<>();
        List<UnreadablePending> unreadable = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            try {
                readable.add(ShopItems.pendingFromItem(item));
            } catch (RuntimeException e) {
                AttributeValue id = item.get(ShopItems.SHOP_ID);
                unreadable.add(new UnreadablePending(id == null ? "?" : id.s(), e.getMessage()));
            }
        }
        String next = page.next() == null ? null
                : new ExportCursor(read, Integer.toString(page.next().unit()), page.next().lastKey()).encode();
        return new PendingPage(readable, unreadable, next);
    }

    /** Units 0..shards-1 are the shards; the last unit is the pre-sharding partition {@code pending}. */
    private String pendingPartition(int unit) {
        return unit < shards.count() ? ShopItems.pending(unit) : ShopItems.PENDING;
    }

    private static int parseUnit(String position) {
        try {
            return Integer.parseInt(position);
        } catch (NumberFormatException | NullPointerException e) {
            return -1;
        }
    }

    @Override
    public long approximateCount() {
        return dynamo.describeTable(r -> r.tableName(shopsTable)).table().itemCount();
    }

    @Override
    public ExportPage export(ExportQuery query) {
        return exporter.export(query);
    }
}
