package io.zerosync.kernel.input;

/**
 * What a stored string may contain, and how client-supplied text is shown back in error messages.
 * Stored text is single-line display text: control characters (C0 including tab and newline, DEL, C1),
 * the Unicode line and paragraph separators and lone surrogates are refused, because they break
 * listings, logs, CSV/TSV exports, cursors and strict JSON parsers downstream, and no name needs one.
 */
public final class Text {
    private static final int SHOWN = 64;

    private Text() {
    }

    /** Refuses text that is not clean single-line Unicode, naming the field and the offending character. */
    public static String requireClean(String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw InvalidInputException.invalid(field, "contains a lone surrogate (" + codePoint(c) + " at index " + i
                        + "); text must be valid Unicode");
            } else if (isControl(c)) {
                throw InvalidInputException.invalid(field, "must not contain control characters (" + codePoint(c)
                        + " at index " + i + ")");
            }
        }
        return value;
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    /**
     * A client's string made safe to echo in a message: quoted, at most 64 characters, anything outside
     * printable ASCII written as a \\u escape (so a lone surrogate never reaches a JSON writer).
     */
    public static String quote(Object value) {
        if (!(value instanceof String s)) {
            return String.valueOf(value);
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < Math.min(s.length(), SHOWN); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (s.length() > SHOWN) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    /**
     * A JSON-shaped value with every lone surrogate in its strings (keys included) replaced by U+FFFD.
     * For rows stored before {@link #requireClean} existed: a lone surrogate cannot be written as UTF-8,
     * so serving it as-is would emit JSON that strict parsers reject.
     */
    public static Object wellFormed(Object json) {
        if (json instanceof String s) {
            return wellFormed(s);
        }
        if (json instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(wellFormed(k), wellFormed(v)));
            return out;
        }
        if (json instanceof java.util.List<?> list) {
            return list.stream().map(Text::wellFormed).toList();
        }
        return json;
    }

    private static String wellFormed(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(s.substring(0, i));
                }
                out.append('\ufffd');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
