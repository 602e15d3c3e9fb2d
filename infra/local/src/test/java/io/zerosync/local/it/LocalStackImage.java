package io.zerosync.local.it;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LocalStack image the LocalStack leg runs: {@code -Dzerosync.localstack.image} or
 * {@code ZEROSYNC_LOCALSTACK_IMAGE}, else {@link #DEFAULT}. Whether it needs {@code LOCALSTACK_AUTH_TOKEN}:
 * LocalStack's images from 4.15 and the calendar-versioned ones (2026.03 on, what {@code latest} now is) do not
 * start without one; 4.14 and older run without.
 */
record LocalStackImage(String name) {
    static final String DEFAULT = "localstack/localstack:2026.03.0";
    static final String PROPERTY = "zerosync.localstack.image";
    static final String ENV = "ZEROSYNC_LOCALSTACK_IMAGE";
    static final String TOKEN_ENV = "LOCALSTACK_AUTH_TOKEN";
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)(?:\\.(\\d+))?.*");

    static LocalStackImage configured(Map<String, String> env) {
        String given = System.getProperty(PROPERTY);
        if (given == null || given.isBlank()) {
            given = env.get(ENV);
        }
        return new LocalStackImage(given == null || given.isBlank() ? DEFAULT : given.trim());
    }

    /** The tag, or "latest" when the name has none (a colon after the last slash starts the tag). */
    String tag() {
        int slash = name.lastIndexOf('/');
        int colon = name.indexOf(':', slash + 1);
        return colon < 0 ? "latest" : name.substring(colon + 1);
    }

    /** Unknown tags count as needing a token: that is what LocalStack's current images do. */
    boolean needsAuthToken() {
        if (name.contains("localstack-pro")) {
            return true;
        }
        Matcher version = VERSION.matcher(tag());
        if (!version.matches()) {
            return true;
        }
        int major = Integer.parseInt(version.group(1));
        int minor = version.group(2) == null ? 0 : Integer.parseInt(version.group(2));
        return major > 4 || (major == 4 && minor >= 15);
    }
}
