package io.zerosync.functions.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients, one of each per function instance, each built only when a bean that uses it is (the functions'
 * contexts build beans lazily): the command function never builds SQS or CloudWatch clients. Region,
 * credentials and the URL-connection HTTP client come from {@link AwsSetup}; endpoints are overridden only off AWS.
 */
@Factory
public class AwsClientFactory {

    @Singleton
    AwsSetup awsSetup(LocalOverrides local) {
        java.util.Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        if (local.getAccessKeyId() != null) {
            environment.put(AwsSetup.LOCAL_ACCESS_KEY_ID, local.getAccessKeyId());
        }
        return AwsSetup.of(environment);
    }

    @Singleton
    DynamoDbClient dynamoDb(AwsSetup aws, LocalOverrides local) {
        return aws.client(DynamoDbClient.builder(), local.getDynamodbEndpoint());
    }

    @Singleton
    SnsClient sns(AwsSetup aws, LocalOverrides local) {
        return aws.client(SnsClient.builder(), local.getSnsEndpoint());
    }

    @Singleton
    SqsClient sqs(AwsSetup aws, LocalOverrides local) {
        return aws.client(SqsClient.builder(), local.getSqsEndpoint());
    }

    /** Only the admin API on AWS asks for it (queue ages). */
    @Singleton
    CloudWatchClient cloudWatch(AwsSetup aws) {
        return aws.client(CloudWatchClient.builder(), null);
    }
}
