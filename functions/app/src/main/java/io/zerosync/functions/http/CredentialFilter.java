package io.zerosync.functions.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.zerosync.functions.config.LocalOverrides;
import io.zerosync.functions.config.ZerosyncConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Nobody reaches the source API or the admin API without credentials. On AWS (auth mode {@code iam})
 * API Gateway has already verified the caller's SigV4 signature; off AWS a bearer token stands in.
 * Fails closed: bearer mode without a configured token lets nobody in.
 */
@ServerFilter({"/internal/**", "/admin/**"})
public class CredentialFilter {
    private final boolean iam;
    private final byte[] token;

    public CredentialFilter(ZerosyncConfig config, LocalOverrides local) {
        this.iam = "iam".equalsIgnoreCase(config.getAuthMode());
        String configured = local.getAdminToken();
        this.token = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (iam) {
            return null;
        }
        String header = request.getHeaders().get("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return ApiError.of(HttpStatus.UNAUTHORIZED, "unauthorized", "this route needs Authorization: Bearer <token>")
                    .header("WWW-Authenticate", "Bearer");
        }
        byte[] presented = header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        if (token == null || !MessageDigest.isEqual(token, presented)) {
            return ApiError.of(HttpStatus.FORBIDDEN, "forbidden", "the bearer token is not valid");
        }
        return null;
    }
}
