package io.zerosync.shop.source;

import io.zerosync.shop.domain.Ids;
import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.shop.domain.Shop;
import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import io.zerosync.shop.port.WriteStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the shop catalog's source API answers (get, batch-get, export, stats): the write side's truth as read
 * models fetch it, over HTTP ({@code SourceApiController}). Tombstones read as
 * missing here; only exports show them (marked deleted).
 */
public final class ShopSourceQueries {
    public static final int MAX_BATCH = 100;

    private final WriteStore store;

    public ShopSourceQueries(WriteStore store) {
        this.store = store;
    }

    public Optional<Shop> get(String shopId) {
        Ids.requireShopId(shopId);
        return store.find(shopId).filter(s -> !s.deleted());
    }

    /**
     * Live shops for the IDs, in request order; the IDs that are unknown or deleted; and for the deleted
     * ones the version of their tombstone.
     */
    public BatchResult batchGet(Collection<String> shopIds) {
        if (shopIds == null || shopIds.isEmpty()) {
            throw InvalidInputException.invalid("ids", "must be a non-empty array");
        }
        Set<String> ids = new LinkedHashSet<>(shopIds);
        if (ids.size() > MAX_BATCH) {
            throw InvalidInputException.invalid("ids", "must hold at most " + MAX_BATCH + " distinct IDs");
        }
        ids.forEach(Ids::requireShopId);
        Map<String, Shop> found = store.findAll(ids).stream()
                .collect(Collectors.toMap(Shop::shopId, Function.identity()));
        List<Shop> shops = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, Long> tombstones = new LinkedHashMap<>();
        for (String id : ids) {
            Shop shop = found.get(id);
            if (shop != null && !shop.deleted()) {
                shops.add(shop);
            } else {
                missing.add(id);
                if (shop != null) {
                    tombstones.put(id, shop.version());
                }
            }
        }
        return new BatchResult(shops, missing, tombstones);
    }

    public ExportPage export(ExportQuery query) {
        return store.export(query);
    }

    public long approximateCount() {
        return store.approximateCount();
    }

    public record BatchResult(List<Shop> shops, List<String> missing, Map<String, Long> tombstones) {
    }
}
