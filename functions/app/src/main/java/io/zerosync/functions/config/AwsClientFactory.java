package io.zerosync.functions.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;

/**
 * SDK clients, one of each per function instance. The URL-connection HTTP client starts fastest on a
 * cold Lambda; region and credentials come from the default chains (the Lambda environment on AWS,
 * system properties locally); endpoints are overridden only off AWS.
 */
@Factory
public class AwsClientFactory {

    @Singleton
    SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Singleton
    DynamoDbClient dynamoDb(SdkHttpClient http, LocalOverrides local) {
        return configure(DynamoDbClient.builder().httpClient(http), local.getDynamodbEndpoint()).build();
    }

    @Singleton
    SnsClient sns(SdkHttpClient http, LocalOverrides local) {
        return configure(SnsClient.builder().httpClient(http), local.getSnsEndpoint()).build();
    }

    @Singleton
    SqsClient sqs(SdkHttpClient http, LocalOverrides local) {
        return configure(SqsClient.builder().httpClient(http), local.getSqsEndpoint()).build();
    }

    /** Only the admin API on AWS asks for it (queue ages); created on first use. */
    @Singleton
    CloudWatchClient cloudWatch(SdkHttpClient http) {
        return CloudWatchClient.builder().httpClient(http).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, String endpoint) {
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }
}
