package io.zerosync.shop.command;

import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.shop.domain.ShopDocument;
import io.zerosync.events.EntityChanged;
import io.zerosync.kernel.outbox.AnnouncementSweeper;
import io.zerosync.kernel.outbox.SweepReport;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnouncementSweeperTest {
    private static final Instant T0 = Instant.parse("2026-11-22T23:00:00Z");
    private static final Clock NOW = Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final InMemoryWriteStore store = new InMemoryWriteStore();
    private final List<EntityChanged> sent = new ArrayList<>();

    /** A change written {@code secondsAfterT0} after T0 whose announcement did not go out. */
    private String pendingShop(String id, int secondsAfterT0) {
        ShopDetails details = ShopDocument.details(ShopCommandsTest.body());
        store.insert(new Shop(id, 1, T0.plusSeconds(secondsAfterT0), details), null);
        return id;
    }

    @Test
    void announcesEverythingBehindAnUnreadableItem_andReportsItsId() {
        store.unreadable.put("shp_corrupt", T0); // the oldest: first in the index
        List<String> good = List.of(pendingShop("shp_a", 1), pendingShop("shp_b", 2), pendingShop("shp_c", 3));

        SweepReport report = new AnnouncementSweeper(store, Shop.ENTITY_TYPE, sent::add, NOW).sweep(GRACE);

        assertEquals(good, sent.stream().map(EntityChanged::id).toList());
        assertEquals(3, report.announced());
        assertEquals(List.of(new SweepReport.Failure("shp_corrupt", SweepReport.Kind.UNREADABLE, "planted")),
                report.failures());
        assertEquals(1, report.errors());
        assertTrue(store.pending.isEmpty(), "the good changes are no longer pending");

        SweepReport again = new AnnouncementSweeper(store, Shop.ENTITY_TYPE, sent::add, NOW).sweep(GRACE);
        assertEquals(0, again.announced());
        assertEquals(1, again.errors(), "the bad item is reported every run until an operator fixes it");
    }

    @Test
    void aFailingPublishOfOneItemLeavesItPending_andTheOthersAreAnnounced() {
        pendingShop("shp_a", 1);
        pendingShop("shp_poison", 2);
        pendingShop("shp_c", 3);

        SweepReport report = new AnnouncementSweeper(store, Shop.ENTITY_TYPE, e -> {
            if (e.id().equals("shp_poison")) {
                throw new IllegalStateException("publish refused");
            }
            sent.add(e);
        }, NOW).sweep(GRACE);

        assertEquals(List.of("shp_a", "shp_c"), sent.stream().map(EntityChanged::id).toList());
        assertEquals(List.of(new SweepReport.Failure("shp_poison", SweepReport.Kind.PUBLISH_FAILED, "publish refused")),
                report.failures());
        assertEquals(Set.of("shp_poison"), store.pending, "stays pending for the next run");
        assertEquals(3, report.pending());
        assertEquals(Duration.ofSeconds(599), report.oldestPendingAge());

        SweepReport next = new AnnouncementSweeper(store, Shop.ENTITY_TYPE, sent::add, NOW).sweep(GRACE);
        assertEquals(1, next.announced());
        assertEquals(0, next.errors());
    }

    @Test
    void pagesOnWithTheCursor_whenItemsStayPending() {
        // Three full pages whose items all stay pending: re-reading from the start would never end.
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            ids.add(pendingShop(String.format("shp_%03d", i), i));
        }
        store.unreadable.put("shp_bad", T0.plusSeconds(120));

        SweepReport report = new AnnouncementSweeper(store, Shop.ENTITY_TYPE, e -> {
            throw new IllegalStateException("never");
        }, NOW).sweep(GRACE);

        assertEquals(250, report.pending());
        assertEquals(3, store.cursorsAsked.size(), "three pages, each asked once: " + store.cursorsAsked);
        assertEquals(3, new HashSet<>(store.cursorsAsked).size(), "no page is read twice");
        assertEquals(ids, store.pending);
        assertEquals(AnnouncementSweeper.MAX_PUBLISH_FAILURES_IN_A_ROW + 1, report.errors(),
                "a few failed publishes and the bad item; then SNS is taken as down for this run");
        assertEquals(250 - AnnouncementSweeper.MAX_PUBLISH_FAILURES_IN_A_ROW, report.notAttempted());
    }

    @Test
    void reportsNothingPendingAndAgeZero_whenOnlyRecentWritesArePending() {
        store.insert(new Shop("shp_recent", 1, NOW.instant().minusSeconds(5),
                ShopDocument.details(ShopCommandsTest.body())), null);

        SweepReport report = new AnnouncementSweeper(store, Shop.ENTITY_TYPE, sent::add, NOW).sweep(GRACE);

        assertEquals(0, report.pending());
        assertEquals(Duration.ZERO, report.oldestPendingAge());
        assertTrue(sent.isEmpty());
    }
}
