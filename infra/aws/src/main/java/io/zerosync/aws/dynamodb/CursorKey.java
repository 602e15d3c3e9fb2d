package io.zerosync.aws.dynamodb;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The HMAC-SHA256 key that makes paged-read cursors tamper-evident. One key per process: every adapter
 * that issues or accepts a cursor (exports, listings, view scans) is built in many places, and the key
 * is a per-stack secret that every function of the stack shares (template.yaml passes it as
 * {@code ZEROSYNC_CURSOR_KEY}). Until {@link #use(String)} is called the key is random, so cursors still
 * work inside one process (tests, the local cloud, which runs every function in one JVM) but never
 * across processes.
 */
public final class CursorKey {
    private static volatile SecretKeySpec key = random();

    private CursorKey() {
    }

    /** Installs the stack's secret (any length; it is hashed into a 256-bit key). */
    public static void use(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the cursor key must not be blank");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            key = new SecretKeySpec(digest, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    static byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always present", e);
        }
    }

    /** Constant-time comparison, so the signature cannot be guessed byte by byte. */
    static boolean verify(byte[] payload, byte[] signature) {
        return MessageDigest.isEqual(sign(payload), signature);
    }

    private static SecretKeySpec random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
