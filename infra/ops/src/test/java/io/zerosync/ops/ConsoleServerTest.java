package io.zerosync.ops;

import io.zerosync.aws.source.RequestAuth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zs console} on its own: the pages come from the shared console module on the ops jar's classpath,
 * and the forwarder refuses what it must (ConsoleIT forwards to a running local cloud).
 */
class ConsoleServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private ConsoleServer server;

    @BeforeEach
    void start() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        server = ConsoleServer.start(URI.create("http://localhost:" + closed), RequestAuth.bearer("t"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheConsolePagesFromTheSharedModule() throws Exception {
        HttpResponse<String> page = get("/console/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Zerosync ops console"), page.body());
        assertEquals(200, get("/console/console.js", null).statusCode());
        assertEquals(404, get("/console/..%2Fconsole%2Findex.html", null).statusCode(), "flat folder only");
        assertEquals(404, get("/console/nothing.html", null).statusCode());
    }

    @Test
    void forwardsOnlyWithThisRunsSessionToken_andSaysWhenTheApiCannotBeReached() throws Exception {
        HttpResponse<String> anonymous = get("/admin/views", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.body().contains("\"error\":\"unauthorized\""), anonymous.body());
        String session = server.link().getQuery().replace("token=", "");
        HttpResponse<String> unreachable = get("/admin/views", session);
        assertEquals(502, unreachable.statusCode());
        assertTrue(unreachable.body().contains("admin_api_unreachable"), unreachable.body());
    }
}
