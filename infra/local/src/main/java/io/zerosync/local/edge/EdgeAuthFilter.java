package io.zerosync.local.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local cloud playing API Gateway's Cognito authorizer: a request to a route the template protects
 * gets through only with {@code Authorization: Bearer <token>} that {@link TokenVerifier} accepts; anything
 * else is a 401 in the API's error shape before any controller (or body parsing) runs. Lives in infra/local
 * only and exists only where the local cloud registered a {@link DevIssuer}: on AWS API Gateway does this.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(beans = {DevIssuer.class, ProtectedRoutes.class})
public class EdgeAuthFilter implements Ordered {
    /** Request attribute holding the verified subject (who wrote), for code that wants it locally. */
    public static final String SUBJECT = "zerosync.subject";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenVerifier verifier;
    private final ProtectedRoutes routes;

    public EdgeAuthFilter(DevIssuer issuer, ProtectedRoutes routes) {
        this.verifier = issuer.verifier();
        this.routes = routes;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (!routes.covers(request.getMethodName(), request.getUri().getRawPath())) {
            return null;
        }
        String header = request.getHeaders().get("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            return refuse("this route needs Authorization: Bearer <token> (a signed-in writer's ID token)");
        }
        try {
            request.setAttribute(SUBJECT, verifier.verify(header.substring(7).strip(), Instant.now()));
            return null;
        } catch (TokenVerifier.Rejected e) {
            return refuse(e.getMessage());
        }
    }

    private static HttpResponse<String> refuse(String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", "unauthorized");
        body.put("message", message);
        try {
            return HttpResponse.<String>status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").body(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Before the application's own filters, as API Gateway answers before the function runs. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
