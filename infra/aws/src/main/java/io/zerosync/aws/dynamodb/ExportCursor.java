package io.zerosync.aws.dynamodb;

import io.zerosync.kernel.input.InvalidInputException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The opaque cursor of a paged read (an export, a listing, a view scan): the read it belongs to
 * ({@code mode}: the kind of read plus the query it answers, e.g. a listing's category and open filter or
 * an export's window), a position inside it, and DynamoDB's LastEvaluatedKey (every key attribute of our
 * tables and indexes is a string).
 *
 * <p>Wire form: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}. The signature makes it
 * tamper-evident: a forged, truncated or edited cursor, or one issued for another read, is a 400
 * {@code invalid_cursor} and never reaches DynamoDB (where a made-up start key would be a 500). Values are
 * escaped, so any string a key holds (a newline, a lone surrogate) survives the round trip.
 */
record ExportCursor(String mode, String position, Map<String, AttributeValue> lastKey) {
    /** Far above any cursor we issue (a few hundred characters); longer input is refused unread. */
    static final int MAX_LENGTH = 4096;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

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
        parts.forEach((name, value) -> out.append(escape(name)).append('=').append(escape(value)).append('\n'));
        byte[] payload = out.toString().getBytes(StandardCharsets.UTF_8);
        return BASE64.encodeToString(payload) + "." + BASE64.encodeToString(CursorKey.sign(payload));
    }

    /** Decodes a cursor issued for the read {@code expectedMode}; {@code null} or empty means "from the start". */
    static ExportCursor decode(String cursor, String expectedMode) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        byte[] payload = verified(cursor);
        String mode = null;
        String position = null;
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String line : new String(payload, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw invalid("cursor is not one this API issued");
            }
            String name = unescape(line.substring(0, eq));
            String value = unescape(line.substring(eq + 1));
            if (name.equals("m")) {
                mode = value;
            } else if (name.equals("p")) {
                position = value;
            } else if (name.startsWith("k.")) {
                key.put(name.substring(2), AttributeValue.fromS(value));
            } else {
                throw invalid("cursor is not one this API issued");
            }
        }
        if (!expectedMode.equals(mode)) {
            throw invalid("cursor belongs to another read (another kind of read or other query parameters); "
                    + "start again without a cursor");
        }
        return new ExportCursor(mode, position, key.isEmpty() ? null : key);
    }

    /** As {@link #decode(String, String)}, and the cursor must also be at {@code expectedPosition} (a segment). */
    static ExportCursor decode(String cursor, String expectedMode, String expectedPosition) {
        ExportCursor decoded = decode(cursor, expectedMode);
        if (decoded != null && !expectedPosition.equals(decoded.position())) {
            throw invalid("cursor belongs to another segment; start again without a cursor");
        }
        return decoded;
    }

    private static byte[] verified(String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid("cursor is not one this API issued (too long)");
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
            throw invalid("cursor is not one this API issued");
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            if (!CursorKey.verify(payload, signature)) {
                throw invalid("cursor is not one this API issued (bad signature)");
            }
            return payload;
        } catch (IllegalArgumentException notBase64) {
            throw invalid("cursor is not one this API issued");
        }
    }

    /** Keeps [A-Za-z0-9] and a few safe marks; every other UTF-16 unit becomes %XXXX (lone surrogates too). */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.:#/|,".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%04x", (int) c));
            }
        }
        return out.toString();
    }

    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 5 > value.length()) {
                throw invalid("cursor is not one this API issued");
            }
            try {
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
            } catch (NumberFormatException e) {
                throw invalid("cursor is not one this API issued");
            }
            i += 4;
        }
        return out.toString();
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("invalid_cursor", message);
    }
}
