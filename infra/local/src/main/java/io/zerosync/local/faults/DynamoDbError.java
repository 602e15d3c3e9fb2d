package io.zerosync.local.faults;

import java.util.List;

/**
 * An error in DynamoDB's own JSON wire shape ({@code __type} + {@code message}, HTTP 400/500), so the
 * real SDK maps it to its modelled exception and runs its real retry policy. For
 * {@code TransactionCanceledException} the cancellation reasons are positional, one per transaction
 * item; positions past the list answer {@code None}, as DynamoDB does for items that were fine.
 */
public record DynamoDbError(int status, String type, String message, List<String> cancellationReasons) {
    private static final String PREFIX = "com.amazonaws.dynamodb.v20120810#";

    public DynamoDbError {
        cancellationReasons = cancellationReasons == null ? List.of() : List.copyOf(cancellationReasons);
    }

    /** What DynamoDB answers when a partition (or an index that throttles its table) is over its limit. */
    public static DynamoDbError throttling() {
        return new DynamoDbError(400, "ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded (injected)", null);
    }

    /** Another transaction or write touched one of the items at the same time. */
    public static DynamoDbError transactionConflict() {
        return transactionCanceled(List.of("TransactionConflict"));
    }

    /** A cancelled transaction whose items failed for these reasons, by position ({@code None} for fine). */
    public static DynamoDbError transactionCanceled(List<String> reasonsByPosition) {
        return new DynamoDbError(400, "TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons (injected)",
                reasonsByPosition);
    }

    /** DynamoDB's own 500: the SDK retries it. */
    public static DynamoDbError internalServerError() {
        return new DynamoDbError(500, "InternalServerError", "Internal server error (injected)", null);
    }

    public String code() {
        return type;
    }

    boolean isTransactionCanceled() {
        return type.equals("TransactionCanceledException");
    }

    String qualifiedType() {
        return PREFIX + type;
    }
}
