package io.zerosync.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zerosync.aws.source.RequestAuth;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code zs console}: the ops console's static pages on a loopback port, with {@code /admin/*} forwarded to
 * a stack's admin API and signed there with the operator's credentials (SigV4, or a bearer token locally).
 * The page itself holds only a session token made at start: it keeps other pages in the same browser
 * (which cannot set an Authorization header across origins without this server's consent) from using the
 * operator's credentials through it.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final String RESOURCES = "public/console/";
    private static final Set<String> METHODS = Set.of("GET", "POST", "DELETE");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png",
            "svg", "image/svg+xml");
    private static final int MAX_BODY = 2 * 1024 * 1024; // the largest admin request (10,000 IDs) is well under

    private final HttpServer server;
    private final ExecutorService threads;
    private final AdminClient admin;
    private final String session;

    private ConsoleServer(HttpServer server, AdminClient admin, String session) {
        this.server = server;
        this.admin = admin;
        this.session = session;
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "console-http");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Serves on 127.0.0.1:{@code port} (0: any free port), forwarding to the admin API at {@code api}. */
    public static ConsoleServer start(URI api, RequestAuth auth, int port) throws IOException {
        return start(new AdminClient(api, auth), port);
    }

    static ConsoleServer start(AdminClient admin, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return new ConsoleServer(server, admin, HexFormat.of().formatHex(random));
    }

    /** The link to open: the console with its session token. */
    public URI link() {
        return URI.create("http://127.0.0.1:" + port() + "/console/?token=" + session);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/admin") || path.startsWith("/admin/")) {
                forward(exchange);
            } else if (path.equals("/") || path.equals("/console")) {
                exchange.getResponseHeaders().set("Location", "/console/");
                exchange.sendResponseHeaders(303, -1);
            } else if (path.startsWith("/console/") && exchange.getRequestMethod().equals("GET")) {
                page(exchange, path.substring("/console/".length()));
            } else {
                error(exchange, 404, "not_found", "the console serves /console/ and forwards /admin/*");
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "internal_error", e.getClass().getSimpleName());
        }
    }

    private void page(HttpExchange exchange, String name) throws IOException {
        String file = name.isEmpty() ? "index.html" : name;
        if (!file.matches("[A-Za-z0-9_-]+\\.[a-z]+")) { // flat folder: no "..", no sub-paths
            error(exchange, 404, "not_found", "no such page");
            return;
        }
        try (InputStream in = ConsoleServer.class.getClassLoader().getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                error(exchange, 404, "not_found", "no such page");
                return;
            }
            byte[] bytes = in.readAllBytes();
            String ext = file.substring(file.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] presented = header != null && header.startsWith("Bearer ")
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(presented, session.getBytes(StandardCharsets.UTF_8))) {
            error(exchange, 401, "unauthorized", "open the console with the link zs console printed (its token is for this run only)");
            return;
        }
        String method = exchange.getRequestMethod();
        if (!METHODS.contains(method)) {
            error(exchange, 405, "method_not_allowed", "the console forwards GET, POST and DELETE");
            return;
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            error(exchange, 413, "payload_too_large", "request body over " + MAX_BODY + " bytes");
            return;
        }
        URI uri = exchange.getRequestURI();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        AdminClient.Raw answer;
        try {
            answer = admin.forward(method, target, body);
        } catch (AdminClient.Unavailable e) {
            error(exchange, 502, "admin_api_unreachable", e.getMessage());
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        exchange.getResponseBody().write(answer.body());
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("error", code);
        json.put("message", message);
        byte[] bytes = AdminClient.JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
