package io.zerosync.local.sns;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An AWS Query request: form-encoded parameters, with lists and maps flattened into numbered names
 * ({@code Attributes.entry.1.key}, {@code PublishBatchRequestEntries.member.2.Id}).
 */
final class QueryRequest {
    private final Map<String, String> params;

    private QueryRequest(Map<String, String> params) {
        this.params = params;
    }

    static QueryRequest parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form != null && !form.isEmpty()) {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(name, value);
            }
        }
        return new QueryRequest(params);
    }

    String action() {
        return params.get("Action");
    }

    String get(String name) {
        return params.get(name);
    }

    String require(String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw SnsError.invalidParameter(name + " is required");
        }
        return value;
    }

    /** A view of the parameters under {@code prefix.} (e.g. one batch entry). */
    QueryRequest under(String prefix) {
        Map<String, String> sub = new LinkedHashMap<>();
        String p = prefix + ".";
        params.forEach((k, v) -> {
            if (k.startsWith(p)) {
                sub.put(k.substring(p.length()), v);
            }
        });
        return new QueryRequest(sub);
    }

    /** {@code Name.entry.N.key/value} (or {@code .member.N}) as a map. */
    Map<String, String> map(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (QueryRequest entry : members(name, "entry")) {
            String key = entry.get("key");
            if (key != null) {
                out.put(key, entry.get("value"));
            }
        }
        return out;
    }

    /** The numbered members {@code Name.<kind>.N} in order. */
    List<QueryRequest> members(String name, String kind) {
        Map<Integer, QueryRequest> byIndex = new TreeMap<>();
        String p = name + "." + kind + ".";
        for (String key : params.keySet()) {
            if (key.startsWith(p)) {
                String rest = key.substring(p.length());
                int dot = rest.indexOf('.');
                String index = dot < 0 ? rest : rest.substring(0, dot);
                try {
                    int n = Integer.parseInt(index);
                    byIndex.computeIfAbsent(n, i -> under(p + i));
                } catch (NumberFormatException ignored) {
                    // not a member index
                }
            }
        }
        return new ArrayList<>(byIndex.values());
    }

    /** SNS message attributes: {@code MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue}. */
    Map<String, MessageAttribute> messageAttributes() {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        for (QueryRequest entry : members("MessageAttributes", "entry")) {
            String name = entry.get("Name");
            String type = entry.get("Value.DataType");
            if (name == null || type == null) {
                throw SnsError.invalidParameter("message attribute needs Name and Value.DataType");
            }
            String value = entry.get("Value.StringValue");
            String binary = entry.get("Value.BinaryValue");
            if (value == null && binary == null) {
                throw new SnsError("ParameterValueInvalid", 400,
                        "The message attribute '" + name + "' must contain non-empty message attribute value");
            }
            out.put(name, new MessageAttribute(type, value, binary));
        }
        return out;
    }

    /** {@code type} is String, Number, Binary or String.Array; {@code binary} is base64. */
    record MessageAttribute(String type, String value, String binary) {
    }
}
