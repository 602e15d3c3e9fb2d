package io.zerosync.aws.source;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signs requests to API Gateway routes with {@code AWS_IAM} auth (service {@code execute-api}) using
 * the function's own role credentials.
 */
public final class SigV4Auth implements RequestAuth {
    /** The JDK HTTP client sets these itself and refuses them from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;

    public SigV4Auth(AwsCredentialsProvider credentials, String region) {
        this.credentials = credentials;
        this.region = region;
    }

    @Override
    public Map<String, String> headers(String method, URI uri, byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method))
                .putHeader("Content-Type", "application/json").build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body == null ? new byte[0] : body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.put(h.getKey(), String.join(",", h.getValue()));
            }
        }
        return headers;
    }
}
