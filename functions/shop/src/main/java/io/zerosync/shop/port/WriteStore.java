package io.zerosync.shop.port;

import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import io.zerosync.kernel.port.Outbox;
import io.zerosync.shop.domain.Shop;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The write model's storage: the only place shops are written. It is also the shops' {@link Outbox}: every write
 * is stored marked "announcement pending" until its announcement went out.
 */
public interface WriteStore extends Outbox {

    /** The shop or its tombstone. */
    Optional<Shop> find(String shopId);

    /** Shops and tombstones for the IDs that exist; unknown IDs are simply absent from the result. */
    List<Shop> findAll(Collection<String> shopIds);

    /**
     * Stores a new shop, together with the idempotency claim when there is one, atomically: either
     * both are stored or neither.
     *
     * @throws IdempotencyKeyTakenException when the claim's key is already taken
     */
    void insert(Shop shop, IdempotencyClaim claim);

    /**
     * Replaces the stored shop with {@code next} only if the stored version is still
     * {@code next.version() - 1}.
     *
     * @throws VersionConflictException when another write got there first
     */
    void replace(Shop next);

    Optional<IdempotencyClaim> findClaim(String idempotencyKey);

    /** Items in the store (tombstones included); on AWS refreshed about every six hours. */
    long approximateCount();

    /** One page of an export: a window of updates, or a segment of everything. */
    ExportPage<Shop> export(ExportQuery query);
}
