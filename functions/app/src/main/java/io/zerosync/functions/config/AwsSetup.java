package io.zerosync.functions.config;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How every function builds its SDK clients, cheaply: the URL-connection HTTP client (the fastest to start),
 * the region read once from where it is, and the one credentials source that is there instead of the default
 * chains, which probe files, profiles and metadata endpoints on a cold start. On Lambda the runtime sets
 * AWS_REGION, and either the AWS_ACCESS_KEY_ID family or (SnapStart) AWS_CONTAINER_CREDENTIALS_FULL_URI; the
 * local cloud sets the aws.* system properties. Only when none is set do the default chains decide.
 */
public final class AwsSetup {
    /** The local cloud's per-function identity (LocalOverrides' accessKeyId). */
    static final String LOCAL_ACCESS_KEY_ID = "ZEROSYNC_LOCAL_ACCESS_KEY_ID";
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;

    private AwsSetup(Region region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.region = region;
        this.credentials = credentials;
        this.http = http;
    }

    public static AwsSetup of(Map<String, String> environment) {
        return new AwsSetup(region(environment), credentials(environment), UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build());
    }

    public Region region() {
        return region;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** A client of this function's region and identity, pointed at {@code endpoint} when one is set (off AWS). */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, String endpoint) {
        builder.httpClient(http).region(region).credentialsProvider(credentials);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static Region region(Map<String, String> environment) {
        String property = System.getProperty("aws.region");
        String variable = environment.get("AWS_REGION");
        if (property != null && !property.isBlank()) {
            return Region.of(property);
        }
        return variable != null && !variable.isBlank() ? Region.of(variable) : new DefaultAwsRegionProviderChain().getRegion();
    }

    private static AwsCredentialsProvider credentials(Map<String, String> environment) {
        // Off AWS only: the local cloud names each function by its access key, so its IAM hop can check
        // what that function's role would be allowed (never set on Lambda).
        String local = environment.get(LOCAL_ACCESS_KEY_ID);
        if (local != null && !local.isBlank()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(local, "local"));
        }
        if (System.getProperty("aws.accessKeyId") != null) {
            return SystemPropertyCredentialsProvider.create();
        }
        if (environment.get("AWS_ACCESS_KEY_ID") != null) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        // SnapStart functions get no key variables: their credentials come from the container endpoint, which
        // the provider reads on first use (after a restore), not at construction.
        if (environment.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            return ContainerCredentialsProvider.builder().build();
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
