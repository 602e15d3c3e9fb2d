package io.zerosync.shop.command;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of a JSON-shaped value in canonical form (keys sorted, numbers normalised), so that two
 * requests that mean the same thing match however their JSON was formatted.
 */
final class RequestFingerprint {
    private RequestFingerprint() {
    }

    static String of(Object json) {
        StringBuilder out = new StringBuilder();
        write(json, out);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(out.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    private static void write(Object v, StringBuilder out) {
        if (v instanceof Map<?, ?> map) {
            out.append('{');
            new TreeMap<>(map).forEach((k, value) -> {
                out.append('"').append(k).append("\":");
                write(value, out);
                out.append(',');
            });
            out.append('}');
        } else if (v instanceof List<?> list) {
            out.append('[');
            list.forEach(item -> {
                write(item, out);
                out.append(',');
            });
            out.append(']');
        } else if (v instanceof Number n) {
            out.append(new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
        } else if (v instanceof String s) {
            out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
            out.append(v);
        }
    }
}
