package io.zerosync.aws.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Fixed-width UTC timestamps. {@link Instant#toString()} drops trailing zeros, which breaks the
 * lexical order a DynamoDB range key relies on; this format never does.
 */
public final class Timestamps {
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return MILLIS.format(instant);
    }

    public static String day(Instant instant) {
        return DAY.format(instant);
    }

    public static Instant parse(String value) {
        return Instant.parse(value);
    }
}
