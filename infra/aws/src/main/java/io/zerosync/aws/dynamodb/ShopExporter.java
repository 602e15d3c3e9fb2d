package io.zerosync.aws.dynamodb;

import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.shop.domain.Shop;
import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Pages through ShopsTable for exports: a window of updates is a query per UTC day and index shard on the
 * ByUpdatedAt index (shards read in parallel, see {@link ShardedPager}); everything is a (parallel) scan.
 * Tombstones come along in both, marked deleted.
 */
final class ShopExporter {
    static final String BY_UPDATED_AT = "ByUpdatedAt";
    private static final String SCAN = "scan";
    private static final String WINDOW = "window";

    /** Index partitions one page visits at most (a sparse window then answers a short page and a cursor). */
    static final int MAX_UNITS_PER_PAGE = 512;

    /** The longest one export request waits for a window's tail to settle before answering an empty page. */
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    /** Waits; a seam so unit tests need not. */
    interface Sleeper {
        void sleep(Duration duration);
    }

    static final Sleeper THREAD_SLEEP = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a window's tail to settle", e);
        }
    };

    private final DynamoDbClient dynamo;
    private final String table;
    private final IndexShards shards;
    private final ShardedPager pager;
    private final Duration margin;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param margin how late a change may become visible in the ByUpdatedAt index after its {@code updatedAt}
     *               (a command's write can land up to its function's timeout later; the index lags a little more)
     */
    ShopExporter(DynamoDbClient dynamo, String table, IndexShards shards, ShardedPager pager, Duration margin,
                 Clock clock, Sleeper sleeper) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
        this.pager = pager;
        this.margin = margin;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    ExportPage export(ExportQuery query) {
        return query.isWindow() ? window(query) : scan(query);
    }

    private ExportPage scan(ExportQuery query) {
        String position = query.segment() + "/" + query.totalSegments();
        // Bound to its segment: a cursor of segment 2/8 replayed as 3/8 would skip or repeat items.
        ExportCursor cursor = ExportCursor.decode(query.cursor(), SCAN, position);
        ScanResponse response = dynamo.scan(r -> r.tableName(table).consistentRead(true)
                .segment(query.segment()).totalSegments(query.totalSegments())
                .limit(query.limit())
                .exclusiveStartKey(cursor == null ? null : cursor.lastKey()));
        List<Shop> shops = response.items().stream().map(ShopItems::fromItem).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? new ExportCursor(SCAN, position, response.lastEvaluatedKey()).encode() : null;
        return new ExportPage(shops, next);
    }

    /**
     * A window is read in two phases so that no index lag fools it. Phase "settled" reads the part of the
     * window older than {@code start - margin} ({@code start}: when the export's first page was asked), which
     * every write and index entry has reached by then. Phase "tail" reads the rest of the window, but only
     * once {@code start + margin} has passed, so every change whose {@code updatedAt} is before the export's
     * start is in it even if its write landed late (a throttled retry) or its index entry lagged. The two
     * ranges are disjoint: every item once. A tail cursor followed early waits (at most {@link #MAX_WAIT}
     * per request) and, if still early, answers an empty page with the same cursor.
     */
    private ExportPage window(ExportQuery query) {
        // Bound to its window and shard count: replayed against another window (or after the shard count
        // changed) its position would name another partition.
        String read = WINDOW + "|" + Timestamps.format(query.updatedFrom()) + "|" + Timestamps.format(query.updatedTo())
                + "|" + shards.count();
        // Millisecond precision, as the cursor carries it: every page computes the same phase bounds.
        WindowPosition at = WindowPosition.of(ExportCursor.decode(query.cursor(), read),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Instant settledUntil = at.start().minus(margin);
        if (at.phase() == Phase.SETTLED) {
            Instant end = min(query.updatedTo(), settledUntil);
            if (query.updatedFrom().isBefore(end)) {
                return phase(query, read, at, query.updatedFrom(), end);
            }
            at = at.tail();
        }
        Instant tailFrom = max(query.updatedFrom(), settledUntil);
        if (!tailFrom.isBefore(query.updatedTo())) {
            return new ExportPage(List.of(), null);
        }
        Instant readyAt = at.start().plus(margin);
        if (!waitUntil(readyAt)) {
            return new ExportPage(List.of(), at.cursor(read));
        }
        return phase(query, read, at, tailFrom, query.updatedTo());
    }

    /** One page of one phase over [from, to); at the phase's end, the next phase's cursor (or none after the tail). */
    private ExportPage phase(ExportQuery query, String read, WindowPosition at, Instant fromTime, Instant toTime) {
        String from = Timestamps.format(fromTime);
        // The range's end is exclusive; stored timestamps have millisecond precision.
        Instant lastIncluded = toTime.minusMillis(1);
        String to = Timestamps.format(lastIncluded);
        LocalDate firstDay = LocalDate.ofInstant(fromTime, ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(lastIncluded, ZoneOffset.UTC);
        int units = Math.toIntExact((ChronoUnit.DAYS.between(firstDay, lastDay) + 1) * shards.count());
        if (at.position() != null && at.position().unit() >= units) {
            throw new InvalidInputException("invalid_cursor", "cursor is not one this API issued");
        }
        // Unit u is day (u / shards), shard (u % shards): day after day, every shard of a day in parallel.
        ShardedPager.Page page = pager.read(units, at.position(), query.limit(), MAX_UNITS_PER_PAGE,
                (unit, startKey, limit) -> dynamo.query(r -> r.tableName(table).indexName(BY_UPDATED_AT)
                        .keyConditionExpression("#s = :s AND #u BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#s", ShopItems.UPDATED_SHARD, "#u", ShopItems.UPDATED_AT))
                        .expressionAttributeValues(Map.of(":s", ShopItems.s(partition(firstDay, unit)),
                                ":from", ShopItems.s(from), ":to", ShopItems.s(to)))
                        .limit(limit)
                        .exclusiveStartKey(startKey)),
                (unit, item) -> Map.of(ShopItems.UPDATED_SHARD, ShopItems.s(partition(firstDay, unit)),
                        ShopItems.UPDATED_AT, item.get(ShopItems.UPDATED_AT), ShopItems.SHOP_ID, item.get(ShopItems.SHOP_ID)));
        String next;
        if (page.next() != null) {
            next = new WindowPosition(at.phase(), at.start(), page.next()).cursor(read);
        } else if (at.phase() == Phase.SETTLED && query.updatedTo().isAfter(at.start().minus(margin))) {
            next = at.tail().cursor(read);
        } else {
            next = null;
        }
        return new ExportPage(fullItems(page.items()), next);
    }

    /** Waits for {@code readyAt}, at most {@link #MAX_WAIT}; true when it has come. */
    private boolean waitUntil(Instant readyAt) {
        long millis = Duration.between(clock.instant(), readyAt).toMillis();
        if (millis <= 0) {
            return true;
        }
        if (millis > MAX_WAIT.toMillis()) {
            sleeper.sleep(MAX_WAIT);
            return false;
        }
        sleeper.sleep(Duration.ofMillis(millis));
        return !clock.instant().isBefore(readyAt);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private enum Phase { SETTLED, TAIL }

    /** Where a window export stands: phase, the export's start (signed into the cursor), and the pager's position. */
    private record WindowPosition(Phase phase, Instant start, ShardedPager.Position position) {
        WindowPosition tail() {
            return new WindowPosition(Phase.TAIL, start, null);
        }

        String cursor(String read) {
            int unit = position == null ? 0 : position.unit();
            String p = (phase == Phase.SETTLED ? "s" : "t") + ":" + start.toEpochMilli() + ":" + unit;
            return new ExportCursor(read, p, position == null ? null : position.lastKey()).encode();
        }

        static WindowPosition of(ExportCursor cursor, Instant now) {
            if (cursor == null) {
                return new WindowPosition(Phase.SETTLED, now, null);
            }
            String[] parts = cursor.position() == null ? new String[0] : cursor.position().split(":");
            try {
                if (parts.length != 3 || !(parts[0].equals("s") || parts[0].equals("t"))) {
                    throw new NumberFormatException();
                }
                int unit = Integer.parseInt(parts[2]);
                if (unit < 0) {
                    throw new NumberFormatException();
                }
                return new WindowPosition(parts[0].equals("s") ? Phase.SETTLED : Phase.TAIL,
                        Instant.ofEpochMilli(Long.parseLong(parts[1])), new ShardedPager.Position(unit, cursor.lastKey()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("invalid_cursor", "cursor is not one this API issued");
            }
        }
    }

    private String partition(LocalDate firstDay, int unit) {
        return ShopItems.updatedShard(firstDay.plusDays(unit / shards.count()).toString(), unit % shards.count());
    }

    /**
     * The index holds keys only (writing whole shops to it doubled every command's write cost): the shops
     * come from the table, consistently, in the index's order. An entry whose item expired meanwhile (a
     * tombstone's TTL) is simply absent.
     */
    private List<Shop> fullItems(List<Map<String, AttributeValue>> entries) {
        List<String> ids = entries.stream().map(e -> e.get(ShopItems.SHOP_ID).s()).toList();
        Map<String, Shop> byId = new HashMap<>();
        BatchReads.byKey(dynamo, table, ShopItems.SHOP_ID, ids, null, null)
                .forEach(item -> byId.put(item.get(ShopItems.SHOP_ID).s(), ShopItems.fromItem(item)));
        List<Shop> shops = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            Shop shop = byId.get(id);
            if (shop != null) {
                shops.add(shop);
            }
        }
        return shops;
    }
}
