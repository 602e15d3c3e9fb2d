package io.zerosync.local.runtime;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The local stand-in for template.yaml's CursorKeySecret: random per JVM, and the same for every local
 * cloud in that JVM (the cursor key is installed per process, and the tests run two clouds side by side).
 */
public final class LocalCursorKey {
    public static final String VALUE = random();

    private LocalCursorKey() {
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
