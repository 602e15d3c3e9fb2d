package io.zerosync.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-shaped values (maps, lists, strings, numbers, booleans) to DynamoDB attribute values and back,
 * so a view table stores whatever its projection produces without a mapper per view.
 */
public final class AttributeValues {
    private AttributeValues() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue of(Object value) {
        if (value == null) {
            return AttributeValue.fromNul(true);
        }
        if (value instanceof String s) {
            return AttributeValue.fromS(s);
        }
        if (value instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        if (value instanceof Number n) {
            return AttributeValue.fromN(new BigDecimal(n.toString()).toPlainString());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put((String) k, of(v)));
            return AttributeValue.fromM(m);
        }
        if (value instanceof List<?> list) {
            return AttributeValue.fromL(list.stream().map(AttributeValues::of).toList());
        }
        throw new IllegalArgumentException("not a JSON-shaped value: " + value.getClass().getName());
    }

    public static Object toObject(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            BigDecimal n = new BigDecimal(value.n());
            if (n.scale() <= 0 && n.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                return n.longValueExact();
            }
            return n;
        }
        if (value.bool() != null) {
            return value.bool();
        }
        if (value.hasM()) {
            Map<String, Object> m = new LinkedHashMap<>();
            value.m().forEach((k, v) -> m.put(k, toObject(v)));
            return m;
        }
        if (value.hasL()) {
            List<Object> l = new ArrayList<>();
            value.l().forEach(v -> l.add(toObject(v)));
            return l;
        }
        return null;
    }

    public static Map<String, Object> toMap(Map<String, AttributeValue> item) {
        Map<String, Object> m = new LinkedHashMap<>();
        item.forEach((k, v) -> m.put(k, toObject(v)));
        return m;
    }
}
