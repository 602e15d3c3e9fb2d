package io.zerosync.kernel.sync;

import io.zerosync.kernel.port.SourceReader;
import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import io.zerosync.kernel.port.SourceUnavailableException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The source API's behaviour over a map, counting calls; can be told to be unavailable. */
public final class FakeSource implements SourceReader<Shop> {
    public final Map<String, Shop> shops = new ConcurrentHashMap<>();
    public final List<List<String>> calls = new ArrayList<>();
    public boolean unavailable;
    /** IDs the source leaves out of its answer altogether (a truncated batch). */
    public final java.util.Set<String> unanswered = ConcurrentHashMap.newKeySet();
    /** How many shops one answer holds at most (a byte budget, in shops); the rest come back unprocessed. */
    public int shopsPerAnswer = Integer.MAX_VALUE;
    /** IDs the source always leaves unprocessed (an answer that never gets to them). */
    public final java.util.Set<String> neverProcessed = ConcurrentHashMap.newKeySet();

    public Shop put(String id, long version, String name) {
        Shop shop = new Shop(id, version, Instant.parse("2026-11-22T23:00:00Z").plusSeconds(version),
                new ShopDetails(name, "korean", "addr", null, 100, 10, true,
                        List.of(new Menu("m1", "Menu", 500, false))));
        shops.put(id, shop);
        return shop;
    }

    public void delete(String id) {
        Shop s = shops.get(id);
        shops.put(id, s.tombstone(s.updatedAt()));
    }

    @Override
    public String entityType() {
        return Shop.ENTITY_TYPE;
    }

    @Override
    public Batch<Shop> batchGet(List<String> shopIds) {
        calls.add(shopIds);
        if (shopIds.size() > MAX_BATCH) {
            throw new IllegalArgumentException("more than " + MAX_BATCH);
        }
        if (unavailable) {
            throw new SourceUnavailableException("503 from source");
        }
        List<Shop> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, Long> tombstones = new HashMap<>();
        List<String> unprocessed = new ArrayList<>();
        for (String id : shopIds) {
            if (unanswered.contains(id)) {
                continue;
            }
            Shop s = shops.get(id);
            boolean live = s != null && !s.deleted();
            if (neverProcessed.contains(id) || (live && found.size() >= shopsPerAnswer)) {
                unprocessed.add(id);
                continue;
            }
            if (s == null || s.deleted()) {
                missing.add(id);
                if (s != null) {
                    tombstones.put(id, s.version());
                }
            } else {
                found.add(s);
            }
        }
        return new Batch<>(found, missing, tombstones, unprocessed);
    }

    @Override
    public long approximateCount() {
        return shops.size();
    }

    /** Pages in ID order, honouring segments (by hash) and windows (by updatedAt), tombstones included. */
    @Override
    public ExportPage<Shop> export(ExportQuery query) {
        List<Shop> matching = shops.values().stream()
                .filter(s -> Math.floorMod(s.id().hashCode(), query.totalSegments()) == query.segment())
                .filter(s -> !query.isWindow() || (!s.updatedAt().isBefore(query.updatedFrom())
                        && s.updatedAt().isBefore(query.updatedTo())))
                .sorted(java.util.Comparator.comparing(Shop::id)).toList();
        int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
        int to = Math.min(matching.size(), from + query.limit());
        return new ExportPage<>(matching.subList(from, to), to < matching.size() ? Integer.toString(to) : null);
    }
}
