package io.zerosync.local.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.zerosync.functions.config.LocalOverrides;
import io.zerosync.local.runtime.LocalAdminRoute;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /local/token} (admin bearer token): mints a writer's token with the local cloud's key, so
 * the key itself never leaves the process. Body {@code {"subject":"S","ttlSeconds":N}}, both optional
 * (subject "dev", 1 hour). Local cloud only; on AWS writers get tokens from Cognito.
 */
@Controller("/local/token")
@Requires(beans = DevIssuer.class)
public class TokenController {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DevIssuer issuer;
    private final LocalAdminRoute admin;

    public TokenController(DevIssuer issuer, LocalOverrides local) {
        this.issuer = issuer;
        this.admin = new LocalAdminRoute(local);
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> mint(HttpRequest<?> request, @Body @Nullable String body) {
        HttpResponse<String> refused = admin.refusal(request);
        if (refused != null) {
            return refused;
        }
        String subject = "dev";
        long ttl = 3600;
        try {
            JsonNode json = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            if (json == null || !json.isObject()) {
                return LocalAdminRoute.error(HttpStatus.BAD_REQUEST, "invalid_body", "body must be a JSON object");
            }
            if (json.has("subject")) {
                subject = json.get("subject").isTextual() ? json.get("subject").asText() : "";
                if (!subject.matches("[A-Za-z0-9_.@+-]{1,128}")) {
                    return LocalAdminRoute.error(HttpStatus.BAD_REQUEST, "invalid_field", "subject: 1-128 of A-Z a-z 0-9 _ . @ + -");
                }
            }
            if (json.has("ttlSeconds")) {
                if (!json.get("ttlSeconds").canConvertToLong() || !json.get("ttlSeconds").isIntegralNumber()) {
                    return LocalAdminRoute.error(HttpStatus.BAD_REQUEST, "invalid_field", "ttlSeconds must be a whole number");
                }
                ttl = json.get("ttlSeconds").asLong();
            }
        } catch (JsonProcessingException e) {
            return LocalAdminRoute.error(HttpStatus.BAD_REQUEST, "malformed_json", "body is not valid JSON");
        }
        if (ttl < 1 || ttl > DevIssuer.MAX_TTL.toSeconds()) {
            return LocalAdminRoute.error(HttpStatus.BAD_REQUEST, "invalid_field", "ttlSeconds must be 1.." + DevIssuer.MAX_TTL.toSeconds());
        }
        String token = issuer.mint(subject, Duration.ofSeconds(ttl));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", token);
        out.put("subject", subject);
        out.put("issuer", DevIssuer.ISSUER);
        out.put("audience", DevIssuer.AUDIENCE);
        out.put("expiresAt", Instant.now().plusSeconds(ttl).toString());
        return HttpResponse.ok(LocalAdminRoute.json(out));
    }
}
