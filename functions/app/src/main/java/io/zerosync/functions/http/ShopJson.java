package io.zerosync.functions.http;

import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDocument;
import io.zerosync.functions.config.ApiTimestamps;

import java.util.LinkedHashMap;
import java.util.Map;

/** The source API's representation of a shop: identity and version first, then its details. */
final class ShopJson {
    private ShopJson() {
    }

    static Map<String, Object> of(Shop shop) {
        Map<String, Object> json = idOf(shop);
        if (shop.deleted()) {
            return json;
        }
        json.remove("deleted");
        json.putAll(ShopDocument.toJson(shop.details()));
        return json;
    }

    /** Identity and version only ({@code fields=ids} exports). */
    static Map<String, Object> idOf(Shop shop) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shopId", shop.shopId());
        json.put("version", shop.version());
        json.put("updatedAt", ApiTimestamps.format(shop.updatedAt()));
        json.put("deleted", shop.deleted());
        return json;
    }
}
