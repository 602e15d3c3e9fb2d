package io.zerosync.functions.http;

import io.zerosync.kernel.input.InvalidInputException;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an {@code If-Match} header: {@code "7"} (or {@code W/"7"}, or {@code 7}) names a version. */
final class IfMatch {
    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?([0-9]{1,18})\"?");

    private IfMatch() {
    }

    static OptionalLong parse(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            // "*" means "any current representation"; a missing shop is a 404 anyway.
            return OptionalLong.empty();
        }
        Matcher m = VERSION.matcher(header.strip());
        if (!m.matches()) {
            throw new InvalidInputException("invalid_header", "If-Match must be a version ETag such as \"3\"");
        }
        return OptionalLong.of(Long.parseLong(m.group(1)));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
