package io.zerosync.local.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * The checks API Gateway's Cognito authorizer makes on a bearer token: RS256 only (never "none" or an
 * HMAC algorithm chosen by the caller), the key ID, the signature, the issuer, the audience, expiry and
 * not-before. No clock skew is allowed: a token is refused from its exp second on.
 */
public final class TokenVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final RSAPublicKey key;
    private final String keyId;
    private final String issuer;
    private final String audience;

    public TokenVerifier(RSAPublicKey key, String keyId, String issuer, String audience) {
        this.key = key;
        this.keyId = keyId;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** Why a token was refused (the message is safe to show the caller). */
    public static final class Rejected extends Exception {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** The caller's subject, or {@link Rejected}. */
    public String verify(String token, Instant now) throws Rejected {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new Rejected("the token is missing or too long");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new Rejected("the token is not a signed JWT (header.payload.signature)");
        }
        JsonNode header = json(parts[0]);
        if (!"RS256".equals(header.path("alg").asText(null))) {
            throw new Rejected("the token must be signed with RS256");
        }
        if (!keyId.equals(header.path("kid").asText(null))) {
            throw new Rejected("the token was signed with an unknown key");
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(decode(parts[2]))) {
                throw new Rejected("the token's signature is not valid");
            }
        } catch (GeneralSecurityException e) {
            throw new Rejected("the token's signature is not valid");
        }
        JsonNode claims = json(parts[1]);
        if (!issuer.equals(claims.path("iss").asText(null))) {
            throw new Rejected("the token's issuer is not " + issuer);
        }
        if (!hasAudience(claims.get("aud"))) {
            throw new Rejected("the token's audience is not " + audience);
        }
        if (!claims.path("exp").canConvertToLong() || !claims.path("exp").isIntegralNumber()) {
            throw new Rejected("the token has no expiry");
        }
        if (now.getEpochSecond() >= claims.get("exp").asLong()) {
            throw new Rejected("the token has expired");
        }
        if (claims.has("nbf") && now.getEpochSecond() < claims.path("nbf").asLong(Long.MAX_VALUE)) {
            throw new Rejected("the token is not valid yet");
        }
        String subject = claims.path("sub").asText("");
        if (subject.isBlank()) {
            throw new Rejected("the token has no subject");
        }
        return subject;
    }

    private boolean hasAudience(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (audience.equals(a.asText(null))) {
                    return true;
                }
            }
            return false;
        }
        return aud.isTextual() && audience.equals(aud.asText());
    }

    private static JsonNode json(String part) throws Rejected {
        try {
            JsonNode node = JSON.readTree(decode(part));
            if (node == null || !node.isObject()) {
                throw new Rejected("the token's parts must be JSON objects");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new Rejected("the token's parts must be JSON objects");
        }
    }

    private static byte[] decode(String part) throws Rejected {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new Rejected("the token is not base64url");
        }
    }
}
