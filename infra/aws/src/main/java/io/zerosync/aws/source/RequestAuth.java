package io.zerosync.aws.source;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/** Adds credentials to a request for an internal API: SigV4 on AWS, a bearer token locally. */
@FunctionalInterface
public interface RequestAuth {

    /** Headers to add for this exact request (SigV4 signs method, URI and body). */
    Map<String, String> headers(String method, URI uri, byte[] body);

    default HttpRequest.Builder apply(HttpRequest.Builder builder, String method, URI uri, byte[] body) {
        headers(method, uri, body).forEach(builder::header);
        return builder;
    }

    static RequestAuth bearer(String token) {
        return (method, uri, body) -> Map.of("Authorization", "Bearer " + token);
    }
}
