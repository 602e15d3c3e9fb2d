package io.zerosync.core.command;

import io.zerosync.core.domain.Shop;
import io.zerosync.core.port.ExportPage;
import io.zerosync.core.port.ExportQuery;
import io.zerosync.core.port.IdempotencyClaim;
import io.zerosync.core.port.IdempotencyKeyTakenException;
import io.zerosync.core.port.VersionConflictException;
import io.zerosync.core.port.WriteStore;

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

    @Override
    public List<Shop> pendingAnnouncements(java.time.Instant writtenBefore, int limit) {
        return pending.stream().map(shops::get).filter(s -> s.updatedAt().isBefore(writtenBefore)).limit(limit).toList();
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
