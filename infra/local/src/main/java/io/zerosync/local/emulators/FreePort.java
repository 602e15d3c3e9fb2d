package io.zerosync.local.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Picks a free TCP port for servers that refuse port 0 (DynamoDB Local does). */
public final class FreePort {
    private FreePort() {
    }

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Returns {@code requested} unless it is 0, in which case a free port is picked. */
    public static int orPick(int requested) {
        return requested == 0 ? pick() : requested;
    }
}
