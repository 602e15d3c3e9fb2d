package io.zerosync.aws.dynamodb;

import io.zerosync.core.domain.InvalidInputException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The opaque cursor of a paged read (an export, a listing, a view scan): which kind of read and position
 * it belongs to, and DynamoDB's LastEvaluatedKey (every key attribute of our tables and indexes is a
 * string). Clients must treat
 * it as opaque; it is validated on the way back in so a mangled cursor is a 400, not a 500.
 */
record ExportCursor(String mode, String position, Map<String, AttributeValue> lastKey) {

    String encode() {
        Map<String, String> parts = new TreeMap<>();
        parts.put("m", mode);
        if (position != null) {
            parts.put("p", position);
        }
        if (lastKey != null) {
            lastKey.forEach((k, v) -> parts.put("k." + k, v.s()));
        }
        StringBuilder out = new StringBuilder();
        parts.forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    static ExportCursor decode(String cursor, String expectedMode) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String mode = null;
            String position = null;
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("no '='");
                }
                String name = line.substring(0, eq);
                String value = line.substring(eq + 1);
                if (name.equals("m")) {
                    mode = value;
                } else if (name.equals("p")) {
                    position = value;
                } else if (name.startsWith("k.")) {
                    key.put(name.substring(2), AttributeValue.fromS(value));
                } else {
                    throw new IllegalArgumentException("unknown part " + name);
                }
            }
            if (!expectedMode.equals(mode)) {
                throw new InvalidInputException("invalid_cursor", "cursor belongs to another kind of export");
            }
            return new ExportCursor(mode, position, key.isEmpty() ? null : key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid_cursor", "cursor is not one this API issued");
        }
    }
}
