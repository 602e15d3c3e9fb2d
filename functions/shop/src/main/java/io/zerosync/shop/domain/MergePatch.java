package io.zerosync.shop.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7396) over JSON-shaped values (maps, lists, strings, numbers, booleans, null).
 * Objects merge key by key, {@code null} removes a key, anything else (arrays included) replaces.
 */
public final class MergePatch {
    private MergePatch() {
    }

    public static Object apply(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> patchObject)) {
            return patch;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (target instanceof Map<?, ?> targetObject) {
            targetObject.forEach((k, v) -> result.put((String) k, v));
        }
        patchObject.forEach((k, v) -> {
            String key = (String) k;
            if (v == null) {
                result.remove(key);
            } else {
                result.put(key, apply(result.get(key), v));
            }
        });
        return result;
    }
}
