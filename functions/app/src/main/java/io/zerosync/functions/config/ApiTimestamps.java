package io.zerosync.functions.config;

import io.zerosync.aws.dynamodb.Timestamps;

import java.time.Instant;

/**
 * Timestamps as the HTTP API writes them: the fixed-width UTC form the tables store, so an API answer and
 * the row it came from agree to the character. Controllers call this, never the adapter's class.
 */
public final class ApiTimestamps {
    private ApiTimestamps() {
    }

    public static String format(Instant instant) {
        return Timestamps.format(instant);
    }
}
