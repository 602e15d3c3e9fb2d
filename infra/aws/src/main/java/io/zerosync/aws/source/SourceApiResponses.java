package io.zerosync.aws.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.core.domain.Shop;
import io.zerosync.core.domain.ShopDocument;
import io.zerosync.core.port.ExportPage;
import io.zerosync.core.port.SourceApi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the source API's JSON answers into domain objects (validated again: trust, but verify). */
final class SourceApiResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceApiResponses() {
    }

    static SourceApi.Batch batch(byte[] body) throws java.io.IOException {
        JsonNode root = JSON.readTree(body);
        List<Shop> shops = new ArrayList<>();
        for (JsonNode shop : root.path("shops")) {
            shops.add(shop(shop));
        }
        List<String> missing = new ArrayList<>();
        root.path("missing").forEach(id -> missing.add(id.asText()));
        Map<String, Long> tombstones = new LinkedHashMap<>();
        root.path("tombstones").fields().forEachRemaining(e -> tombstones.put(e.getKey(), e.getValue().asLong()));
        return new SourceApi.Batch(shops, missing, tombstones);
    }

    static ExportPage page(byte[] body) throws java.io.IOException {
        JsonNode root = JSON.readTree(body);
        List<Shop> shops = new ArrayList<>();
        for (JsonNode shop : root.path("shops")) {
            shops.add(shop(shop));
        }
        JsonNode next = root.get("nextCursor");
        return new ExportPage(shops, next == null || next.isNull() ? null : next.asText());
    }

    @SuppressWarnings("unchecked")
    static Shop shop(JsonNode node) {
        Map<String, Object> doc = JSON.convertValue(node, LinkedHashMap.class);
        String id = (String) doc.remove("shopId");
        long version = ((Number) doc.remove("version")).longValue();
        Instant updatedAt = Instant.parse((String) doc.remove("updatedAt"));
        if (Boolean.TRUE.equals(doc.remove("deleted"))) {
            return new Shop(id, version, updatedAt, null);
        }
        return new Shop(id, version, updatedAt, ShopDocument.details(doc));
    }
}
