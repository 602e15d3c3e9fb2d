package io.zerosync.bench.cost;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stands where API Gateway stands on AWS, in front of the local HTTP API, for one group of callers: every
 * request through it is one API Gateway request and one invocation of the API function behind it, billed
 * for the time the function took to answer (measured here as the forwarded round trip, rounded up to a whole
 * millisecond). It tags each request with {@link Callers#HEADER} so the AWS calls the function makes while
 * serving it are billed to the same group.
 */
public final class MeteredGateway implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive", "date");

    private final String group;
    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final LongAdder requests = new LongAdder();
    private final LongAdder billedMillis = new LongAdder();

    private MeteredGateway(String group, URI target) throws IOException {
        this.group = group;
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 128);
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "gateway-" + group);
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::forward);
        server.setExecutor(executor);
    }

    /** A gateway on a free localhost port, forwarding to {@code target} and billing {@code group}. */
    public static MeteredGateway start(String group, URI target) {
        try {
            MeteredGateway gateway = new MeteredGateway(group, target);
            gateway.server.start();
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the gateway of " + group, e);
        }
    }

    public URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    public Counts counts() {
        return new Counts(requests.sum(), billedMillis.sum());
    }

    /** Requests through the gateway, and the API function's billed milliseconds summed over them. */
    public record Counts(long requests, long billedMillis) {
        public Counts minus(Counts before) {
            return new Counts(requests - before.requests, billedMillis - before.billedMillis);
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.equalsIgnoreCase(Callers.HEADER)) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            request.header(Callers.HEADER, group);
            long started = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            } finally {
                requests.increment();
                billedMillis.add(Math.max(1, (System.nanoTime() - started + 999_999) / 1_000_000));
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
