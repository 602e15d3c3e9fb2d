package io.zerosync.core.command;

import io.zerosync.core.domain.Shop;
import io.zerosync.core.port.ChangeAnnouncer;
import io.zerosync.core.port.WriteStore;
import io.zerosync.events.ShopChanged;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The outbox sweeper: re-announces changes whose announcement did not go out (the publish failed, or the
 * function died between the write and the publish). A grace period leaves in-flight commands time to
 * announce their own writes; a duplicate announcement is harmless anyway.
 */
public final class AnnouncementSweeper {
    private static final int PAGE = 100;

    private final WriteStore store;
    private final ChangeAnnouncer announcer;
    private final Clock clock;

    public AnnouncementSweeper(WriteStore store, ChangeAnnouncer announcer, Clock clock) {
        this.store = store;
        this.announcer = announcer;
        this.clock = clock;
    }

    /** Announces every pending change older than {@code grace}; answers how many were announced. */
    public int sweep(Duration grace) {
        int announced = 0;
        while (true) {
            List<Shop> pending = store.pendingAnnouncements(clock.instant().minus(grace), PAGE);
            for (Shop shop : pending) {
                announcer.announce(ShopChanged.of(shop.shopId(), shop.version(), shop.updatedAt()));
                store.markAnnounced(shop.shopId(), shop.version());
                announced++;
            }
            if (pending.size() < PAGE) {
                return announced;
            }
        }
    }
}
