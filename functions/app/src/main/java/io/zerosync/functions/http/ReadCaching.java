package io.zerosync.functions.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP caching of view reads: the row version is the entity tag, {@code If-None-Match} naming it answers
 * 304, and shared caches may keep a read for one second, well inside the 1–3 s sync lag a reader already
 * lives with, so a cache never hides a change longer than the sync itself does.
 */
final class ReadCaching {
    /** max-age for browsers, s-maxage for a CDN or API Gateway's cache; nothing stale is served after that. */
    static final String CACHE_CONTROL = "public, max-age=1, s-maxage=1";
    /** A read with a minimum version must never be answered from a cache entry made without it. */
    static final String VARY = "X-Min-Version";
    private static final Pattern TAG = Pattern.compile("(?:W/)?\"([0-9]{1,18})\"");

    private ReadCaching() {
    }

    /**
     * True when the header names this version (weak comparison, as RFC 9110 asks for If-None-Match) or is
     * {@code *}. A header that names no version we could have issued matches nothing: the full answer is
     * always a correct reply, so a malformed header is no reason for an error.
     */
    static boolean notModified(String ifNoneMatch, long version) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        if (ifNoneMatch.length() > 4096) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",", 64)) {
            String t = tag.strip();
            if (t.equals("*")) {
                return true;
            }
            Matcher m = TAG.matcher(t);
            if (m.matches() && Long.parseLong(m.group(1)) == version) {
                return true;
            }
        }
        return false;
    }
}
