package io.zerosync.local;

import java.net.URI;
import java.util.Objects;

/**
 * AWS endpoints the local cloud uses instead of starting its own DynamoDB Local, ElasticMQ and SNS endpoint
 * (e.g. LocalStack's edge URL for all three). The identity stays the local cloud's (see
 * {@link io.zerosync.local.emulators.LocalAws}: region us-east-1, account 000000000000, keys test/test), which
 * is LocalStack's default too.
 */
public record ExternalAws(URI dynamoDb, URI sqs, URI sns) {
    public ExternalAws {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(sns, "sns");
    }

    /** One endpoint serving every service, as LocalStack's edge port does. */
    public static ExternalAws edge(URI endpoint) {
        return new ExternalAws(endpoint, endpoint, endpoint);
    }
}
