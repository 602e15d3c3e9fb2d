package io.zerosync.local.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local cloud's stand-in for the Cognito user pool: an RSA key pair made at start (never written
 * anywhere), an issuer and an audience, and RS256 ID tokens shaped like Cognito's. A new key each start,
 * so tokens from an earlier run are refused.
 */
public final class DevIssuer {
    public static final String ISSUER = "zerosync-local";
    public static final String AUDIENCE = "zerosync-local-writers";
    public static final Duration DEV_TOKEN_TTL = Duration.ofHours(12);
    public static final Duration MAX_TTL = Duration.ofDays(7);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final String keyId;

    private DevIssuer(KeyPair keys, String keyId) {
        this.keys = keys;
        this.keyId = keyId;
    }

    public static DevIssuer generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = B64.encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(pair.getPublic().getEncoded())).substring(0, 16);
            return new DevIssuer(pair, kid);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the local token key", e);
        }
    }

    /** A token for this subject, valid from now for ttl (at most {@link #MAX_TTL}). */
    public String mint(String subject, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be between 1 s and " + MAX_TTL.toDays() + " days");
        }
        Instant now = Instant.now();
        return mint(subject, now, now.plus(ttl), AUDIENCE);
    }

    /** Any claims, for tests: an expired token, another audience. */
    public String mint(String subject, Instant issuedAt, Instant expiresAt, String audience) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("cognito:username", subject);
        claims.put("token_use", "id");
        claims.put("iss", ISSUER);
        claims.put("aud", audience);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        return sign(Map.of("alg", "RS256", "typ", "JWT", "kid", keyId), claims);
    }

    /** Signs any header and claims with this key (tests forge with it, e.g. another issuer). */
    public String sign(Map<String, Object> header, Map<String, Object> claims) {
        try {
            String signingInput = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rsa.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    public TokenVerifier verifier() {
        return new TokenVerifier((RSAPublicKey) keys.getPublic(), keyId, ISSUER, AUDIENCE);
    }

    public String keyId() {
        return keyId;
    }
}
