package io.zerosync.ops;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's parsing and exit codes where no admin API answers (OpsCliIT runs it against a local cloud). */
class OpsCliTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return OpsCli.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    @Test
    void usageErrorsCallNothing() {
        Map<String, String> env = Map.of("ZEROSYNC_ADMIN_TOKEN", "t", "ZEROSYNC_API_URL", "http://localhost:1");
        assertEquals(OpsCli.USAGE, run(env));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: zs"), err.toString(StandardCharsets.UTF_8));
        assertEquals(OpsCli.USAGE, run(env, "reimport", "--view", "shop-list"), "no scope");
        assertEquals(OpsCli.USAGE, run(env, "reimport", "--view", "shop-list", "--full", "--ids", "x"), "two scopes");
        assertEquals(OpsCli.USAGE, run(env, "redrive"), "no view");
        assertEquals(OpsCli.USAGE, run(env, "job"), "no job id");
        assertEquals(OpsCli.USAGE, run(env, "console", "--port", "70000"));
        assertEquals(OpsCli.USAGE, run(Map.of(), "jobs"), "no credentials");
    }

    @Test
    void theLocalCloudsOwnCommandsAreNotTheCliS() {
        assertFalse(OpsCli.handles("token"), "the writer's token is java -jar zerosync-local.jar token");
        assertEquals(OpsCli.USAGE, run(Map.of("ZEROSYNC_ADMIN_TOKEN", "t"), "token"));
        assertTrue(OpsCli.handles("reimport") && OpsCli.handles("console"));
    }

    @Test
    void anApiThatCannotBeReachedIsExitFour() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertEquals(OpsCli.UNAVAILABLE, run(Map.of("ZEROSYNC_ADMIN_TOKEN", "t"), "jobs", "--api", "http://localhost:" + port));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot reach"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void progressLines() {
        var json = AdminClient.JSON.createObjectNode().put("processed", 5).put("total", 10).put("failed", 1)
                .put("state", "running");
        assertTrue(Progress.line(json).startsWith("[###############---------------]  50% 5/10 failed 1"), Progress.line(json));
        json.put("state", "succeeded");
        assertTrue(Progress.line(json).contains("100%"), Progress.line(json));
    }
}
