package io.zerosync.shop.command;

import io.zerosync.shop.domain.Ids;
import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.shop.domain.MergePatch;
import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.shop.domain.ShopDocument;
import io.zerosync.kernel.port.ChangeAnnouncer;
import io.zerosync.shop.port.IdempotencyClaim;
import io.zerosync.shop.port.IdempotencyKeyTakenException;
import io.zerosync.shop.port.VersionConflictException;
import io.zerosync.shop.port.WriteStore;
import io.zerosync.events.EntityChanged;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The write side's use cases. Each command reads the shop, computes the next version, writes it
 * conditionally on the version it read, and announces the change by ID and version only.
 */
public final class ShopCommands {
    /** Without If-Match a command retries lost races this many times before giving up. */
    private static final int MAX_ATTEMPTS = 5;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final WriteStore store;
    private final ChangeAnnouncer announcer;
    private final Clock clock;
    private final java.util.function.BiConsumer<Shop, RuntimeException> failures;

    public ShopCommands(WriteStore store, ChangeAnnouncer announcer, Clock clock) {
        this(store, announcer, clock, (shop, e) -> { });
    }

    /** @param failures told about announcements that failed and were left to the outbox sweeper */
    public ShopCommands(WriteStore store, ChangeAnnouncer announcer, Clock clock,
                        java.util.function.BiConsumer<Shop, RuntimeException> failures) {
        this.store = store;
        this.announcer = announcer;
        this.clock = clock;
        this.failures = failures;
    }

    /**
     * Creates a shop. With an idempotency key, a replay of the same body returns the first result and a
     * different body is refused; the key is claimed in the same atomic write as the shop.
     */
    public WriteResult create(Object body, String idempotencyKey) {
        ShopDetails details = ShopDocument.details(body);
        if (idempotencyKey == null) {
            return insert(details, null, null);
        }
        if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidInputException("invalid_header",
                    "Idempotency-Key must be 1-128 printable ASCII characters without spaces");
        }
        String requestHash = RequestFingerprint.of(body);
        Optional<WriteResult> earlier = replay(idempotencyKey, requestHash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return insert(details, idempotencyKey, requestHash);
        } catch (IdempotencyKeyTakenException raced) {
            // A concurrent request with the same key won; answer as a replay of it.
            return replay(idempotencyKey, requestHash).orElseThrow(() -> raced);
        }
    }

    /** Applies a JSON merge patch (RFC 7396) to the shop's document and validates the result. */
    public WriteResult patch(String shopId, Object mergePatch, OptionalLong ifMatch) {
        Object checked = ShopDocument.patch(mergePatch);
        return change(shopId, ifMatch, current -> {
            Object merged = MergePatch.apply(ShopDocument.toJson(current), checked);
            return ShopDocument.details(merged);
        });
    }

    /** Adds the menu or replaces the one with that ID. */
    public WriteResult putMenu(String shopId, String menuId, Object body, OptionalLong ifMatch) {
        Ids.requireMenuId(menuId);
        Menu menu = ShopDocument.menu(body, menuId);
        return change(shopId, ifMatch, current -> current.withMenu(menu));
    }

    public WriteResult deleteMenu(String shopId, String menuId, OptionalLong ifMatch) {
        Ids.requireMenuId(menuId);
        return change(shopId, ifMatch, current -> {
            if (current.menu(menuId).isEmpty()) {
                throw new ShopNotFoundException("menu " + menuId + " of shop " + shopId);
            }
            return current.withoutMenu(menuId);
        });
    }

    /** Replaces the shop with a tombstone, so the deletion is announced and visible to window exports. */
    public WriteResult delete(String shopId, OptionalLong ifMatch) {
        return write(shopId, ifMatch, current -> current.tombstone(clock.instant()));
    }

    private WriteResult change(String shopId, OptionalLong ifMatch, UnaryOperator<ShopDetails> edit) {
        return write(shopId, ifMatch, current -> current.changedTo(edit.apply(current.details()), clock.instant()));
    }

    private WriteResult write(String shopId, OptionalLong ifMatch, UnaryOperator<Shop> next) {
        Ids.requireShopId(shopId);
        for (int attempt = 1; ; attempt++) {
            Shop current = store.find(shopId).filter(s -> !s.deleted())
                    .orElseThrow(() -> new ShopNotFoundException("shop " + shopId));
            if (ifMatch.isPresent() && ifMatch.getAsLong() != current.version()) {
                throw new PreconditionFailedException(shopId, ifMatch.getAsLong(), current.version());
            }
            Shop updated = next.apply(current);
            try {
                store.replace(updated);
                return announced(updated);
            } catch (VersionConflictException lost) {
                if (ifMatch.isPresent()) {
                    long now = store.find(shopId).map(Shop::version).orElse(current.version());
                    throw new PreconditionFailedException(shopId, ifMatch.getAsLong(), now);
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw lost;
                }
            }
        }
    }

    private WriteResult insert(ShopDetails details, String key, String requestHash) {
        Shop shop = Shop.created(Ids.newShopId(), details, clock.instant());
        IdempotencyClaim claim = key == null ? null
                : new IdempotencyClaim(key, requestHash, shop.shopId(), shop.version(), shop.updatedAt());
        store.insert(shop, claim);
        return announced(shop);
    }

    private Optional<WriteResult> replay(String key, String requestHash) {
        return store.findClaim(key).map(claim -> {
            if (!claim.requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReusedException(key);
            }
            return new WriteResult(claim.shopId(), claim.version(), true);
        });
    }

    /**
     * Announces the change. The write itself stored the shop marked "announcement pending" (an outbox in
     * the same item); only a successful publish clears the mark. If the publish fails, or this process
     * dies first, the outbox sweeper announces it later — so the command still succeeds: acknowledged
     * changes are never lost.
     */
    private WriteResult announced(Shop shop) {
        try {
            announcer.announce(EntityChanged.of(Shop.ENTITY_TYPE, shop.shopId(), shop.version(), shop.updatedAt()));
            store.markAnnounced(shop.shopId(), shop.version());
        } catch (RuntimeException publishFailed) {
            failures.accept(shop, publishFailed);
        }
        return new WriteResult(shop.shopId(), shop.version(), false);
    }
}
