package io.zerosync.local.esm;

import java.util.Objects;

/**
 * The parts of an SQS queue ARN ({@code arn:partition:sqs:region:account:name}) that an event source
 * mapping needs: the region goes into every record's {@code awsRegion}, the account into the
 * function ARN, and a {@code .fifo} name changes which settings Lambda accepts.
 */
public record QueueArn(String value, String partition, String region, String accountId, String queueName) {

    public QueueArn {
        Objects.requireNonNull(value, "value");
    }

    public static QueueArn parse(String arn) {
        if (arn == null) {
            throw new IllegalArgumentException("queue ARN is required");
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs")
                || parts[1].isBlank() || parts[3].isBlank() || parts[4].isBlank() || parts[5].isBlank()) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + arn);
        }
        return new QueueArn(arn, parts[1], parts[3], parts[4], parts[5]);
    }

    public boolean fifo() {
        return queueName.endsWith(".fifo");
    }

    @Override
    public String toString() {
        return value;
    }
}
