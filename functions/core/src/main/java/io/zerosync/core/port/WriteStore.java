package io.zerosync.core.port;

import io.zerosync.core.domain.Shop;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The write model's storage: the only place shops are written. */
public interface WriteStore {

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

    /**
     * Every write stores the shop marked "announcement pending"; this clears the mark once the change
     * was announced, unless a newer version has been written since (its own announcement clears it).
     */
    void markAnnounced(String shopId, long version);

    /**
     * One page of the changes still marked pending that were written before {@code writtenBefore}, oldest
     * first: only what an announcement needs (ID, version, time). {@code cursor} is the previous page's
     * {@link PendingPage#next()} ({@code null} for the first page); paging never re-reads from the start, so
     * an item that stays pending cannot hold the sweep in a loop.
     */
    PendingPage pendingAnnouncements(java.time.Instant writtenBefore, String cursor, int limit);

    /** Items in the store (tombstones included); on AWS refreshed about every six hours. */
    long approximateCount();

    /** One page of an export: a window of updates, or a segment of everything. */
    ExportPage export(ExportQuery query);
}
