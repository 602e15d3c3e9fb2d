package io.zerosync.shop.query;

import io.zerosync.shop.port.ShopViews;
import io.zerosync.shop.command.ShopNotFoundException;
import io.zerosync.shop.domain.Ids;
import io.zerosync.kernel.sync.ViewRow;

import java.time.Duration;
import java.util.Optional;

/**
 * The read side's use cases. Read-your-writes: with a minimum version, a row older than that is never
 * served as current — the query waits a bounded time for the sync to land, then says "not yet".
 *
 * <p>Waiting holds a Lambda invocation and costs strongly consistent reads, and anyone may ask, so it is
 * bounded: at most {@value #MAX_READS} reads per request, the second after a third of the wait budget and
 * the last at its end (backoff: the sync usually lands within the first wait), and none of the waiting
 * when it cannot help: a deletion marker is a 404 at once, and a minimum version more than
 * {@value #MAX_VERSIONS_AHEAD} versions ahead of the view's row (or of nothing, when the view has no row)
 * is a 409 at once — no client that just wrote gets that far ahead of a view that syncs the latest state in
 * one fetch, so such a request is stale, forged or for a shop the view is not about to hold.
 */
public final class ShopQueries {
    /** Strongly consistent reads one request with a minimum version costs, at most. */
    public static final int MAX_READS = 3;
    /** How far ahead of the view's row a minimum version may be for waiting to be worth it. */
    public static final long MAX_VERSIONS_AHEAD = 20;

    /** Waits between reads; a seam so tests count reads without sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration);
    }

    private final ShopViews views;
    private final Duration maxWait;
    private final Sleeper sleeper;

    public ShopQueries(ShopViews views, Duration maxWait) {
        this(views, maxWait, ShopQueries::sleep);
    }

    public ShopQueries(ShopViews views, Duration maxWait, Sleeper sleeper) {
        this.views = views;
        this.maxWait = maxWait.isNegative() ? Duration.ZERO : maxWait;
        this.sleeper = sleeper;
    }

    public ViewRow detail(String shopId, long minVersion) {
        Ids.requireShopId(shopId);
        if (minVersion <= 0) {
            return views.detail(shopId, false).row().orElseThrow(() -> new ShopNotFoundException("shop " + shopId));
        }
        Duration firstWait = maxWait.dividedBy(3);
        Duration[] waits = {firstWait, maxWait.minus(firstWait)};
        for (int read = 1; ; read++) {
            ShopViews.Detail detail = views.detail(shopId, true);
            if (detail.deleted()) {
                // Deleted for good: no version will ever be served, so "not yet" would be a lie.
                throw new ShopNotFoundException("shop " + shopId + " (deleted)");
            }
            Optional<ViewRow> row = detail.row();
            if (row.isPresent() && row.get().version() >= minVersion) {
                return row.get();
            }
            long current = row.map(ViewRow::version).orElse(0L);
            boolean hopeless = minVersion - current > MAX_VERSIONS_AHEAD;
            if (hopeless || read >= MAX_READS || maxWait.isZero()) {
                throw new NotYetSyncedException(shopId, minVersion, current);
            }
            sleeper.sleep(waits[read - 1]);
        }
    }

    public ShopViews.ListPage list(ListQuery query) {
        return views.list(query);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
