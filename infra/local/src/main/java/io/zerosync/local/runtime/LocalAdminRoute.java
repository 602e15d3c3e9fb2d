package io.zerosync.local.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.zerosync.functions.config.LocalOverrides;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the local cloud's own routes ({@code /local/...}) share: the admin bearer-token check (compared in
 * constant time) and answers in the project's one JSON shape, errors as {@code {"error","message"}}.
 */
public final class LocalAdminRoute {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] adminToken;

    public LocalAdminRoute(LocalOverrides local) {
        String configured = local.getAdminToken();
        this.adminToken = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    /** The refusal for a request without the admin token (401) or with another one (403); null when allowed. */
    public HttpResponse<String> refusal(HttpRequest<?> request) {
        String header = request.getHeaders().get("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return error(HttpStatus.UNAUTHORIZED, "unauthorized", "this route needs Authorization: Bearer <admin token>");
        }
        byte[] presented = header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        if (adminToken == null || !MessageDigest.isEqual(adminToken, presented)) {
            return error(HttpStatus.FORBIDDEN, "forbidden", "the bearer token is not valid");
        }
        return null;
    }

    public static HttpResponse<String> error(HttpStatus status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(json(body));
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
