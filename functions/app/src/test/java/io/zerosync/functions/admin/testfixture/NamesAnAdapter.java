package io.zerosync.functions.admin.testfixture;

import io.zerosync.aws.dynamodb.Timestamps;

import java.time.Instant;

/** A test-only offender for FunctionsArchitectureTest: an admin-package class that names an adapter. */
public final class NamesAnAdapter {
    private NamesAnAdapter() {
    }

    public static String now() {
        return Timestamps.format(Instant.EPOCH);
    }
}
