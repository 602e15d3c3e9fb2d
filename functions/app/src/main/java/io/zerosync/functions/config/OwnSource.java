package io.zerosync.functions.config;

import io.zerosync.shop.source.ShopDecoder;

/**
 * This deployment's own source, the shop catalog's source API: what a view reads when its declaration names
 * no other source. The one place the generic wiring meets the example application.
 */
final class OwnSource {
    static final String KEY_ATTRIBUTE = "shopId";
    static final String PATH = "internal/shops";
    static final String DECODER = ShopDecoder.class.getName();

    private OwnSource() {
    }

    static ViewDefinitions.SourceDefaults at(String sourceApiUrl) {
        return new ViewDefinitions.SourceDefaults(KEY_ATTRIBUTE, collection(sourceApiUrl, PATH), DECODER);
    }

    /** The collection URL of an entity type's source: the API's base URL (with its stage) and the type's path. */
    static String collection(String sourceApiUrl, String path) {
        return sourceApiUrl.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
    }
}
