package io.zerosync.local.edge;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenVerifierTest {
    private static final DevIssuer ISSUER = DevIssuer.generate();
    private final TokenVerifier verifier = ISSUER.verifier();
    private final Instant now = Instant.now();

    @Test
    void answersTheSubject_whenTheTokenIsValid() throws Exception {
        assertEquals("alice", verifier.verify(ISSUER.mint("alice", Duration.ofMinutes(5)), now));
    }

    @Test
    void refusesTheToken_whenExpiredForeignAudienceIssuerKeyOrAlgorithm() {
        String audience = DevIssuer.AUDIENCE;
        List<String> refused = List.of(
                ISSUER.mint("a", now.minusSeconds(60), now, audience),
                ISSUER.mint("a", now, now.plusSeconds(60), "other"),
                DevIssuer.generate().mint("a", Duration.ofMinutes(5)),
                ISSUER.sign(Map.of("alg", "RS256", "kid", ISSUER.keyId()),
                        Map.of("sub", "a", "iss", "evil", "aud", audience, "exp", now.getEpochSecond() + 60)),
                ISSUER.sign(Map.of("alg", "HS256", "kid", ISSUER.keyId()),
                        Map.of("sub", "a", "iss", DevIssuer.ISSUER, "aud", audience, "exp", now.getEpochSecond() + 60)),
                ISSUER.sign(Map.of("alg", "RS256", "kid", ISSUER.keyId()),
                        Map.of("sub", "a", "iss", DevIssuer.ISSUER, "aud", audience)),
                ISSUER.sign(Map.of("alg", "RS256", "kid", ISSUER.keyId()), Map.of("sub", "a", "iss", DevIssuer.ISSUER,
                        "aud", audience, "exp", now.getEpochSecond() + 60, "nbf", now.getEpochSecond() + 30)),
                "", "a.b", "a.b.c", "..", "%.%.%");
        for (String token : refused) {
            assertThrows(TokenVerifier.Rejected.class, () -> verifier.verify(token, now), token);
        }
    }

    @Test
    void matchesTemplatePaths_segmentBySegment() {
        ProtectedRoutes routes = new ProtectedRoutes(List.of(new ProtectedRoutes.Route("post", "/shops"),
                new ProtectedRoutes.Route("delete", "/shops/{id}/menus/{menuId}")));
        assertTrue(routes.covers("POST", "/shops"));
        assertTrue(routes.covers("DELETE", "/shops/a%20b/menus/m1"));
        assertFalse(routes.covers("GET", "/shops"));
        assertFalse(routes.covers("DELETE", "/shops/a/menus"));
        assertFalse(routes.covers("POST", "/shopsx"));
    }
}
