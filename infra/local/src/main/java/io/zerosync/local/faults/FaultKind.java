package io.zerosync.local.faults;

import java.util.Arrays;
import java.util.Locale;

/** The faults the local cloud can inject, each at a rate 0..1, by the name the flag and the admin route use. */
public enum FaultKind {
    /** An SNS delivery to one subscription fails (lost, or the subscription's DLQ where it has a RedrivePolicy). */
    SNS_DROP,
    /** An SNS delivery reaches its queue twice. */
    SNS_DUPLICATE,
    /** An SNS delivery is held back by up to the configured maximum delay. */
    SNS_DELAY,
    /** An SNS delivery is overtaken by the next delivery to the same subscription. */
    SNS_REORDER,
    /** One attempt of SNS Publish answers 500 InternalError (the SDK retries it on its own). */
    SNS_PUBLISH_ERROR,
    /** The source API answers 503. */
    SOURCE_ERROR,
    /** The source API answers after the configured slow delay. */
    SOURCE_SLOW,
    /** A Lambda-like invocation crashes after the handler did part or all of the batch: the whole batch comes back. */
    SYNC_CRASH,
    /** DynamoDB answers ProvisionedThroughputExceededException (any operation). */
    DYNAMODB_THROTTLE,
    /** DynamoDB cancels TransactWriteItems with TransactionConflict. */
    DYNAMODB_CONFLICT;

    /** {@code sns-drop}, {@code dynamodb-throttle}, ... */
    public String flag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static FaultKind ofFlag(String flag) {
        return Arrays.stream(values()).filter(k -> k.flag().equals(flag)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault " + flag + "; known: "
                        + String.join(", ", Arrays.stream(values()).map(FaultKind::flag).toList())
                        + ", all, sns-max-delay-ms, source-slow-ms, seed"));
    }

    /** Faults that need a proxy that is only put in the path when fault injection was enabled at start. */
    public boolean needsProxy() {
        return this == SOURCE_ERROR || this == SOURCE_SLOW || this == DYNAMODB_THROTTLE || this == DYNAMODB_CONFLICT;
    }
}
