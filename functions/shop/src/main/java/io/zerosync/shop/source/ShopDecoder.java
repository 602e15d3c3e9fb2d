package io.zerosync.shop.source;

import io.zerosync.kernel.port.EntityDecoder;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDocument;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shops as the source API's answers carry them ({@code "shops": [...]}), validated as the write side would. */
public final class ShopDecoder implements EntityDecoder<Shop> {

    @Override
    public String entityType() {
        return Shop.ENTITY_TYPE;
    }

    @Override
    public String itemsField() {
        return "shops";
    }

    @Override
    public Shop decode(Map<String, Object> item) {
        Map<String, Object> doc = new LinkedHashMap<>(item);
        Object id = doc.remove("shopId");
        Object version = doc.remove("version");
        Object updatedAt = doc.remove("updatedAt");
        if (!(id instanceof String shopId) || !(version instanceof Number v) || !(updatedAt instanceof String at)) {
            throw new IllegalArgumentException("a shop needs a string shopId, a numeric version and a string updatedAt");
        }
        Instant updated = Instant.parse(at);
        if (Boolean.TRUE.equals(doc.remove("deleted"))) {
            return new Shop(shopId, v.longValue(), updated, null);
        }
        return new Shop(shopId, v.longValue(), updated, ShopDocument.details(doc));
    }
}
