package io.zerosync.local.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A real HTTP hop between the sync functions (and the re-import worker) and the source API that counts
 * calls per path and can be told to answer 503 or slowly: the next n requests ({@link #failNext}), every
 * request ({@link #delay}), or a rate of them as the {@link Faults} switchboard says ({@code source-error},
 * {@code source-slow}). The fault is injected into the real HTTP path, not mocked away.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive");
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int targetPort;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Faults faults;
    private final ExecutorService executor;
    private volatile long delayMillis;

    private FaultProxy(HttpServer server, ExecutorService executor, int targetPort, Faults faults) {
        this.server = server;
        this.executor = executor;
        this.targetPort = targetPort;
        this.faults = faults;
    }

    /** Forwards to localhost:{@code targetPort}; only {@link #failNext} and {@link #delay} inject faults. */
    public static FaultProxy start(int targetPort) {
        return start(targetPort, Faults.off());
    }

    /** Forwards to localhost:{@code targetPort}, injecting the source faults {@code faults} asks for. */
    public static FaultProxy start(int targetPort, Faults faults) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 64);
            ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
                Thread t = new Thread(r, "source-fault-proxy");
                t.setDaemon(true);
                return t;
            });
            FaultProxy proxy = new FaultProxy(server, executor, targetPort, faults);
            server.createContext("/", proxy::forward);
            server.setExecutor(executor);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** How many requests reached this path (e.g. /internal/shops/batch-get). */
    public long calls(String path) {
        LongAdder n = calls.get(path);
        return n == null ? 0 : n.sum();
    }

    /** The next {@code n} requests answer 503 without reaching the source. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    /** Every request waits this long before it is forwarded (a slow source). */
    public void delay(java.time.Duration delay) {
        delayMillis = delay.toMillis();
    }

    public int failuresLeft() {
        return Math.max(0, failuresLeft.get());
    }

    private void forward(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        calls.computeIfAbsent(path, p -> new LongAdder()).increment();
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (faults.roll(FaultKind.SOURCE_SLOW)) {
                Thread.sleep(faults.rates().sourceSlow().toMillis());
            }
            if (failuresLeft.getAndDecrement() > 0 || faults.roll(FaultKind.SOURCE_ERROR)) {
                respond(exchange, 503, Map.of(), "{\"error\":\"service_unavailable\",\"message\":\"injected\"}".getBytes());
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + targetPort
                            + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
                            exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            respond(exchange, response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 502, Map.of(), new byte[0]);
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
