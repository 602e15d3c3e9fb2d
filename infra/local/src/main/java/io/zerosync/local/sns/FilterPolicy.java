package io.zerosync.local.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An SNS subscription filter policy: keys AND, the values listed for a key OR. Supports exact strings
 * and numbers, prefix, suffix, equals-ignore-case, anything-but (values or a prefix), numeric ranges and
 * exists. Matches message attributes (the default scope) or the JSON message body (nested keys).
 */
final class FilterPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPERATORS = Set.of("prefix", "suffix", "equals-ignore-case", "anything-but",
            "numeric", "exists");

    private final JsonNode policy;
    private final boolean bodyScope;

    private FilterPolicy(JsonNode policy, boolean bodyScope) {
        this.policy = policy;
        this.bodyScope = bodyScope;
    }

    static FilterPolicy parse(String json, String scope) {
        if (scope != null && !scope.equals("MessageAttributes") && !scope.equals("MessageBody")) {
            throw SnsError.invalidParameter("FilterPolicyScope: must be MessageAttributes or MessageBody");
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw SnsError.invalidParameter("FilterPolicy: failed to parse JSON");
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw SnsError.invalidParameter("FilterPolicy: must be a non-empty JSON object");
        }
        validate(node);
        return new FilterPolicy(node, "MessageBody".equals(scope));
    }

    boolean matches(String message, Map<String, QueryRequest.MessageAttribute> attributes) {
        if (bodyScope) {
            try {
                JsonNode body = JSON.readTree(message);
                return body != null && body.isObject() && matchesObject(policy, body);
            } catch (IOException notJson) {
                return false;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = policy.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> rule = it.next();
            if (!matchesValues(rule.getValue(), attributeValues(attributes.get(rule.getKey())))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesObject(JsonNode rules, JsonNode body) {
        for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> rule = it.next();
            JsonNode value = body.get(rule.getKey());
            if (rule.getValue().isObject()) {
                if (value == null || !value.isObject() || !matchesObject(rule.getValue(), value)) {
                    return false;
                }
            } else {
                List<JsonNode> values = new ArrayList<>();
                if (value != null) {
                    if (value.isArray()) {
                        value.forEach(values::add);
                    } else {
                        values.add(value);
                    }
                }
                if (!matchesValues(rule.getValue(), value == null ? null : values)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Attribute values as JSON: a String.Array holds several, missing is null. */
    private static List<JsonNode> attributeValues(QueryRequest.MessageAttribute attribute) {
        if (attribute == null || attribute.type().startsWith("Binary")) {
            return null;
        }
        List<JsonNode> values = new ArrayList<>();
        if (attribute.type().startsWith("String.Array")) {
            try {
                JSON.readTree(attribute.value()).forEach(values::add);
            } catch (IOException e) {
                return values;
            }
        } else if (attribute.type().startsWith("Number")) {
            values.add(JsonNodeFactory.instance.numberNode(new BigDecimal(attribute.value())));
        } else {
            values.add(JsonNodeFactory.instance.textNode(attribute.value()));
        }
        return values;
    }

    /** One of the conditions must hold for one of the values; {@code values == null} means absent. */
    private static boolean matchesValues(JsonNode conditions, List<JsonNode> values) {
        for (JsonNode condition : conditions) {
            if (condition.isObject() && condition.has("exists")) {
                if (condition.get("exists").asBoolean() == (values != null)) {
                    return true;
                }
                continue;
            }
            if (values == null) {
                continue;
            }
            for (JsonNode value : values) {
                if (matches(condition, value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(JsonNode condition, JsonNode value) {
        if (condition.isTextual()) {
            return value.isTextual() && value.asText().equals(condition.asText());
        }
        if (condition.isNumber()) {
            return value.isNumber() && value.decimalValue().compareTo(condition.decimalValue()) == 0;
        }
        if (condition.isBoolean()) {
            return value.isBoolean() && value.asBoolean() == condition.asBoolean();
        }
        if (condition.isNull()) {
            return value.isNull();
        }
        Map.Entry<String, JsonNode> op = condition.fields().next();
        JsonNode arg = op.getValue();
        String text = value.isTextual() ? value.asText() : null;
        switch (op.getKey()) {
            case "prefix":
                return text != null && text.startsWith(arg.asText());
            case "suffix":
                return text != null && text.endsWith(arg.asText());
            case "equals-ignore-case":
                return text != null && text.equalsIgnoreCase(arg.asText());
            case "anything-but":
                if (arg.isObject() && arg.has("prefix")) {
                    return text != null && !text.startsWith(arg.get("prefix").asText());
                }
                if (arg.isArray()) {
                    for (JsonNode excluded : arg) {
                        if (matches(excluded, value)) {
                            return false;
                        }
                    }
                    return true;
                }
                return !matches(arg, value);
            case "numeric":
                if (!value.isNumber()) {
                    return false;
                }
                BigDecimal n = value.decimalValue();
                for (int i = 0; i + 1 < arg.size(); i += 2) {
                    int cmp = n.compareTo(arg.get(i + 1).decimalValue());
                    boolean ok = switch (arg.get(i).asText()) {
                        case "=" -> cmp == 0;
                        case "<" -> cmp < 0;
                        case "<=" -> cmp <= 0;
                        case ">" -> cmp > 0;
                        case ">=" -> cmp >= 0;
                        default -> false;
                    };
                    if (!ok) {
                        return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    private static void validate(JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> rule = it.next();
            JsonNode v = rule.getValue();
            if (v.isObject()) {
                validate(v); // nested key (MessageBody scope)
                continue;
            }
            if (!v.isArray() || v.isEmpty()) {
                throw SnsError.invalidParameter("FilterPolicy: \"" + rule.getKey() + "\" must be a non-empty array");
            }
            for (JsonNode condition : v) {
                if (condition.isObject()) {
                    if (condition.size() != 1 || !OPERATORS.contains(condition.fieldNames().next())) {
                        throw SnsError.invalidParameter("FilterPolicy: unrecognized operator in \"" + rule.getKey() + "\"");
                    }
                    String op = condition.fieldNames().next().toLowerCase(Locale.ROOT);
                    JsonNode arg = condition.get(op);
                    if (op.equals("numeric")) {
                        validateNumeric(rule.getKey(), arg);
                    }
                    if (op.equals("exists") && !arg.isBoolean()) {
                        throw SnsError.invalidParameter("FilterPolicy: exists match pattern must be either true or false.");
                    }
                } else if (condition.isArray()) {
                    throw SnsError.invalidParameter("FilterPolicy: nested arrays are not allowed");
                }
            }
        }
    }

    private static void validateNumeric(String key, JsonNode arg) {
        if (!arg.isArray() || arg.size() == 0 || arg.size() % 2 != 0 || arg.size() > 4) {
            throw SnsError.invalidParameter("FilterPolicy: numeric in \"" + key + "\" must be [op, n] or [op, n, op, n]");
        }
        for (int i = 0; i < arg.size(); i += 2) {
            if (!Set.of("=", "<", "<=", ">", ">=").contains(arg.get(i).asText()) || !arg.get(i + 1).isNumber()) {
                throw SnsError.invalidParameter("FilterPolicy: bad numeric condition in \"" + key + "\"");
            }
        }
    }
}
