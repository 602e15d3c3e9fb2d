package io.zerosync.local.provision;

import java.util.Map;

/** Small helpers to walk the template's nested maps without casts everywhere. */
final class TemplateSections {
    private TemplateSections() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    static Map<String, Object> resources(Map<String, Object> template) {
        return map(template.get("Resources"));
    }

    static Map<String, Object> path(Map<String, Object> root, String... keys) {
        Map<String, Object> at = root;
        for (String key : keys) {
            at = map(at.get(key));
        }
        return at;
    }
}
