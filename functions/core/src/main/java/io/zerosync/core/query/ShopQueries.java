package io.zerosync.core.query;

import io.zerosync.core.command.ShopNotFoundException;
import io.zerosync.core.domain.Ids;
import io.zerosync.core.sync.ViewRow;

import java.time.Duration;
import java.util.Optional;

/**
 * The read side's use cases. Read-your-writes: with a minimum version, a row older than that is never
 * served as current — the query waits a bounded time for the sync to land, then says "not yet".
 */
public final class ShopQueries {
    private static final Duration POLL = Duration.ofMillis(50);

    private final ShopViews views;
    private final Duration maxWait;

    public ShopQueries(ShopViews views, Duration maxWait) {
        this.views = views;
        this.maxWait = maxWait;
    }

    public ViewRow detail(String shopId, long minVersion) {
        Ids.requireShopId(shopId);
        if (minVersion <= 0) {
            return views.detail(shopId, false).row().orElseThrow(() -> new ShopNotFoundException("shop " + shopId));
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            ShopViews.Detail detail = views.detail(shopId, true);
            if (detail.deleted()) {
                // Deleted for good: no version will ever be served, so "not yet" would be a lie.
                throw new ShopNotFoundException("shop " + shopId + " (deleted)");
            }
            Optional<ViewRow> row = detail.row();
            if (row.isPresent() && row.get().version() >= minVersion) {
                return row.get();
            }
            if (System.nanoTime() >= deadline) {
                throw new NotYetSyncedException(shopId, minVersion, row.map(ViewRow::version).orElse(0L));
            }
            sleep();
        }
    }

    public ShopViews.ListPage list(ListQuery query) {
        return views.list(query);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
