package io.zerosync.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.source.ShopSourceQueries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a batch-get answer, bounded in bytes as well as in IDs: shops go in, in request order, while
 * the serialised JSON stays within the budget; the shops that would not fit are listed in
 * {@code unprocessed} for the caller to ask again. A Lambda response is at most 6 MB (API Gateway's 10 MB),
 * and headers and any base64 encoding need room, so the default budget is 4,000,000 bytes of JSON. The
 * first shop always goes in (a shop is at most 400 KB, DynamoDB's item limit), so every call makes progress.
 */
final class BatchGetAnswer {
    /** Bytes of JSON one answer may hold. */
    static final int DEFAULT_BUDGET_BYTES = 4_000_000;
    /**
     * Kept back for the envelope, "missing", "tombstones" and "unprocessed": at most 100 IDs of at most 64
     * characters each, in at most two of those lists, with a version each (about 15 KB).
     */
    static final int ENVELOPE_BYTES = 32_768;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchGetAnswer() {
    }

    static Map<String, Object> of(ShopSourceQueries.BatchResult result, int budgetBytes) {
        long room = (long) budgetBytes - ENVELOPE_BYTES;
        List<Map<String, Object>> shops = new ArrayList<>();
        List<String> unprocessed = new ArrayList<>();
        long used = 0;
        for (Shop shop : result.shops()) {
            Map<String, Object> json = ShopJson.of(shop);
            long size = bytes(json) + 1; // and the comma
            if (!shops.isEmpty() && (!unprocessed.isEmpty() || used + size > room)) {
                unprocessed.add(shop.shopId());
                continue;
            }
            shops.add(json);
            used += size;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shops", shops);
        out.put("missing", result.missing());
        // Beyond the minimal contract: the versions deleted shops reached, so a view can refuse an
        // older state that arrives after the delete.
        out.put("tombstones", result.tombstones());
        out.put("unprocessed", unprocessed);
        return out;
    }

    private static long bytes(Map<String, Object> json) {
        try {
            return JSON.writeValueAsBytes(json).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a shop that cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
