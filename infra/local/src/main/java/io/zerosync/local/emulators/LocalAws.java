package io.zerosync.local.emulators;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/** The fixed identity of the local cloud: one region, one account, dummy credentials. */
public final class LocalAws {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";

    private LocalAws() {
    }

    /** Points an SDK client builder at a local endpoint with the local identity. */
    public static <B extends AwsClientBuilder<B, C>, C> C client(AwsClientBuilder<B, C> builder, URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Same, with the URL-connection HTTP client the functions use. */
    public static <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C>
            C syncClient(B builder, URI endpoint) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        return client(builder, endpoint);
    }
}
