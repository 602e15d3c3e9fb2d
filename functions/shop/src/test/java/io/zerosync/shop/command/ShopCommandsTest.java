package io.zerosync.shop.command;

import io.zerosync.kernel.outbox.AnnouncementSweeper;
import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.shop.domain.Shop;
import io.zerosync.events.EntityChanged;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopCommandsTest {
    private final InMemoryWriteStore store = new InMemoryWriteStore();
    private final List<EntityChanged> announced = new ArrayList<>();
    private final ShopCommands commands = new ShopCommands(store, announced::add,
            Clock.fixed(Instant.parse("2026-11-22T23:00:00.123Z"), ZoneOffset.UTC));

    static Map<String, Object> body() {
        Map<String, Object> b = new HashMap<>();
        b.put("name", "Kimchi House");
        b.put("category", "korean");
        b.put("address", "12 Harbour St");
        b.put("minOrderAmount", 12000);
        b.put("deliveryFee", 3000);
        b.put("menus", List.of(Map.of("menuId", "bibimbap", "name", "Bibimbap", "price", 9000)));
        return b;
    }

    @Test
    void createsVersionOne_andAnnouncesOnlyIdAndVersion() {
        WriteResult r = commands.create(body(), null);

        assertEquals(1, r.version());
        assertEquals(1, announced.size());
        assertEquals(r.shopId(), announced.get(0).id());
        assertEquals(1, announced.get(0).version());
    }

    @Test
    void bumpsVersionOnEveryWrite_andAnnouncesEach() {
        String id = commands.create(body(), null).shopId();

        assertEquals(2, commands.patch(id, Map.of("deliveryFee", 0), OptionalLong.empty()).version());
        assertEquals(3, commands.putMenu(id, "tteok", Map.of("name", "Tteokbokki", "price", 6000), OptionalLong.empty()).version());
        assertEquals(4, commands.deleteMenu(id, "bibimbap", OptionalLong.empty()).version());
        assertEquals(5, commands.delete(id, OptionalLong.empty()).version());

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), announced.stream().map(EntityChanged::version).toList());
        assertTrue(store.shops.get(id).deleted());
    }

    @Test
    void menuOperations_replaceInPlaceAddAndRemove() {
        String id = commands.create(body(), null).shopId();

        commands.putMenu(id, "bibimbap", Map.of("name", "Dolsot bibimbap", "price", 11000, "soldOut", true), OptionalLong.empty());
        commands.putMenu(id, "mandu", Map.of("name", "Mandu", "price", 5000), OptionalLong.empty());
        Shop shop = store.shops.get(id);
        assertEquals(List.of("bibimbap", "mandu"), shop.details().menus().stream().map(m -> m.menuId()).toList());
        assertEquals(11000, shop.details().menus().get(0).price());
        assertTrue(shop.details().menus().get(0).soldOut());

        commands.deleteMenu(id, "bibimbap", OptionalLong.empty());
        assertEquals(List.of("mandu"), store.shops.get(id).details().menus().stream().map(m -> m.menuId()).toList());
        assertThrows(ShopNotFoundException.class, () -> commands.deleteMenu(id, "bibimbap", OptionalLong.empty()));
    }

    @Test
    void refusesAStaleIfMatch_andChangesNothing() {
        String id = commands.create(body(), null).shopId();
        commands.patch(id, Map.of("name", "New name"), OptionalLong.of(1));

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                () -> commands.patch(id, Map.of("name", "Lost update"), OptionalLong.of(1)));

        assertEquals(2, e.currentVersion());
        assertEquals("New name", store.shops.get(id).details().name());
        assertEquals(2, announced.size());
    }

    @Test
    void ifMatchLosesARaceWith412_withoutIfMatchTheWriteRetries() {
        String id = commands.create(body(), null).shopId();
        Runnable concurrentWriter = () -> {
            store.beforeReplace = () -> { };
            commands.patch(id, Map.of("deliveryFee", 1), OptionalLong.empty());
        };

        store.beforeReplace = concurrentWriter;
        assertThrows(PreconditionFailedException.class, () -> commands.patch(id, Map.of("name", "A"), OptionalLong.of(1)));

        store.beforeReplace = concurrentWriter;
        WriteResult r = commands.patch(id, Map.of("name", "B"), OptionalLong.empty());
        assertEquals(4, r.version());
        assertEquals("B", store.shops.get(id).details().name());
        assertEquals(1, store.shops.get(id).details().deliveryFee(), "the concurrent change is kept");
    }

    @Test
    void aPatchThatBreaksARuleChangesNothing() {
        String id = commands.create(body(), null).shopId();
        Map<String, Object> patch = new HashMap<>();
        patch.put("name", null);

        assertThrows(InvalidInputException.class, () -> commands.patch(id, patch, OptionalLong.empty()));
        assertThrows(InvalidInputException.class, () -> commands.patch(id, List.of(), OptionalLong.empty()));
        assertEquals(1, store.shops.get(id).version());
        assertEquals(1, announced.size());
    }

    @Test
    void deletedShopsAreGoneForEveryCommand() {
        String id = commands.create(body(), null).shopId();
        commands.delete(id, OptionalLong.empty());

        assertThrows(ShopNotFoundException.class, () -> commands.delete(id, OptionalLong.empty()));
        assertThrows(ShopNotFoundException.class, () -> commands.patch(id, Map.of("name", "x"), OptionalLong.empty()));
        assertThrows(ShopNotFoundException.class, () -> commands.patch("unknown", Map.of(), OptionalLong.empty()));
        assertThrows(InvalidInputException.class, () -> commands.delete("not an id!", OptionalLong.empty()));
    }

    @Test
    void idempotentCreate_replaysTheFirstResult_andRefusesAnotherBody() {
        WriteResult first = commands.create(body(), "key-1");
        Map<String, Object> sameMeaning = new HashMap<>(body());
        sameMeaning.put("deliveryFee", 3000.0);

        WriteResult replay = commands.create(sameMeaning, "key-1");

        assertEquals(first.shopId(), replay.shopId());
        assertTrue(replay.replayed());
        assertFalse(first.replayed());
        assertEquals(1, store.shops.size());
        assertEquals(1, announced.size());

        Map<String, Object> other = new HashMap<>(body());
        other.put("name", "Other");
        assertThrows(IdempotencyKeyReusedException.class, () -> commands.create(other, "key-1"));
        assertThrows(InvalidInputException.class, () -> commands.create(body(), "has space"));
        assertEquals(1, store.shops.size());
    }

    @Test
    void aFailedPublishStillAcknowledgesTheWrite_andTheSweeperAnnouncesItLater() {
        List<EntityChanged> sent = new ArrayList<>();
        boolean[] snsDown = {true};
        io.zerosync.kernel.port.ChangeAnnouncer flaky = e -> {
            if (snsDown[0]) {
                throw new IllegalStateException("SNS unavailable");
            }
            sent.add(e);
        };
        Clock later = Clock.fixed(Instant.parse("2026-11-22T23:05:00Z"), ZoneOffset.UTC);
        ShopCommands commands = new ShopCommands(store, flaky,
                Clock.fixed(Instant.parse("2026-11-22T23:00:00.123Z"), ZoneOffset.UTC));

        WriteResult r = commands.create(body(), null);
        assertEquals(1, r.version(), "the write is acknowledged");
        assertTrue(sent.isEmpty());

        snsDown[0] = false;
        assertEquals(1, new AnnouncementSweeper(store, Shop.ENTITY_TYPE, flaky, later).sweep(java.time.Duration.ofSeconds(30)).announced());
        assertEquals(List.of(r.shopId()), sent.stream().map(EntityChanged::id).toList());
        assertEquals(0, new AnnouncementSweeper(store, Shop.ENTITY_TYPE, flaky, later).sweep(java.time.Duration.ofSeconds(30)).announced(),
                "announced changes are not announced again");
    }

    @Test
    void theSweeperLeavesRecentWritesToTheirOwnCommand() {
        store.shops.clear();
        List<EntityChanged> sent = new ArrayList<>();
        ShopCommands failing = new ShopCommands(store, e -> {
            throw new IllegalStateException("down");
        }, Clock.fixed(Instant.parse("2026-11-22T23:00:00Z"), ZoneOffset.UTC));
        failing.create(body(), null);

        int swept = new AnnouncementSweeper(store, Shop.ENTITY_TYPE, sent::add, Clock.fixed(Instant.parse("2026-11-22T23:00:10Z"),
                ZoneOffset.UTC)).sweep(java.time.Duration.ofSeconds(30)).announced();

        assertEquals(0, swept);
    }
}
