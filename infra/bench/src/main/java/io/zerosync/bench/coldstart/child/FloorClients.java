package io.zerosync.bench.coldstart.child;

import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/**
 * SDK clients as a hand-written Lambda would build them: the URL-connection HTTP client, the region and
 * credentials Lambda puts in the environment, and the local cloud's endpoint when one is set.
 */
final class FloorClients {
    private FloorClients() {
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String endpointVariable) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        String endpoint = System.getenv(endpointVariable);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
