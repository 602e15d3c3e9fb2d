package io.zerosync.shop.command;

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

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A WriteStore with the same conditional-write semantics as the DynamoDB one, for use-case tests. */
final class InMemoryWriteStore implements WriteStore {
    final Map<String, Shop> shops = new ConcurrentHashMap<>();
    final Map<String, IdempotencyClaim> claims = new ConcurrentHashMap<>();
    /** Runs before each replace: lets a test slip a concurrent write in. */
    Runnable beforeReplace = () -> { };

    @Override
    public Optional<Shop> find(String shopId) {
        return Optional.ofNullable(shops.get(shopId));
    }

    @Override
    public List<Shop> findAll(Collection<String> shopIds) {
        return shopIds.stream().map(shops::get).filter(Objects::nonNull).toList();
    }

    @Override
    public synchronized void insert(Shop shop, IdempotencyClaim claim) {
        if (claim != null && claims.containsKey(claim.key())) {
            throw new IdempotencyKeyTakenException(claim.key());
        }
        if (shops.putIfAbsent(shop.shopId(), shop) != null) {
            throw new IllegalStateException("duplicate shop ID");
        }
        if (claim != null) {
            claims.put(claim.key(), claim);
        }
        pending.add(shop.shopId());
    }

    @Override
    public synchronized void replace(Shop next) {
        beforeReplace.run();
        Shop stored = shops.get(next.shopId());
        if (stored == null || stored.version() != next.version() - 1) {
            throw new VersionConflictException(next.shopId(), next.version() - 1);
        }
        shops.put(next.shopId(), next);
        pending.add(next.shopId());
    }

    @Override
    public Optional<IdempotencyClaim> findClaim(String idempotencyKey) {
        return Optional.ofNullable(claims.get(idempotencyKey));
    }

    final java.util.Set<String> pending = ConcurrentHashMap.newKeySet();

    @Override
    public void markAnnounced(String shopId, long version) {
        if (shops.get(shopId).version() == version) {
            pending.remove(shopId);
        }
    }

    /** Items marked pending that cannot be read (shop ID to the time they sort at); a test plants them. */
    final Map<String, java.time.Instant> unreadable = new ConcurrentHashMap<>();
    /** Every page request, so a test can see the sweep never starts over. */
    final List<String> cursorsAsked = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Oldest first, as the index orders them; the cursor is the sort key of the last item returned. */
    @Override
    public PendingPage pendingAnnouncements(java.time.Instant writtenBefore, String cursor, int limit) {
        cursorsAsked.add(String.valueOf(cursor));
        record Entry(java.time.Instant at, String key, PendingAnnouncement readable, UnreadablePending bad) {
        }
        List<Entry> all = new java.util.ArrayList<>();
        pending.forEach(id -> {
            Shop s = shops.get(id);
            all.add(new Entry(s.updatedAt(), s.updatedAt() + "|" + id, new PendingAnnouncement(id, s.version(), s.updatedAt()), null));
        });
        unreadable.forEach((id, at) -> all.add(new Entry(at, at + "|" + id, null, new UnreadablePending(id, "planted"))));
        List<Entry> page = all.stream()
                .filter(e -> e.at().isBefore(writtenBefore))
                .filter(e -> cursor == null || e.key().compareTo(cursor) > 0)
                .sorted(java.util.Comparator.comparing(Entry::key)).limit(limit).toList();
        return new PendingPage(page.stream().map(Entry::readable).filter(Objects::nonNull).toList(),
                page.stream().map(Entry::bad).filter(Objects::nonNull).toList(),
                page.size() < limit ? null : page.get(page.size() - 1).key());
    }

    @Override
    public long approximateCount() {
        return shops.size();
    }

    @Override
    public ExportPage export(ExportQuery query) {
        return new ExportPage(List.copyOf(shops.values()), null);
    }
}
