package io.zerosync.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A real HTTP hop in front of DynamoDB Local that can answer chosen requests with DynamoDB's own errors
 * instead of forwarding them. Clients pointed at {@link #endpoint()} are the real SDK clients, so their
 * retry policy, exception mapping and our handling of {@code TransactionCanceledException} reasons all
 * run for real. Requests are told apart by operation ({@code X-Amz-Target}, e.g. {@code PutItem}).
 * With no rule set it only forwards.
 */
public final class DynamoDbFaultProxy implements AutoCloseable {
    /** Matches every operation. */
    public static final String ANY = "*";
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive", "date");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> injected = new ConcurrentHashMap<>();
    private volatile SplittableRandom random = new SplittableRandom();

    private DynamoDbFaultProxy(HttpServer server, ExecutorService executor, URI target) {
        this.server = server;
        this.executor = executor;
        this.target = target;
    }

    /** Starts on a free localhost port, forwarding to {@code target} (DynamoDB Local's endpoint). */
    public static DynamoDbFaultProxy start(URI target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 128);
            ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
                Thread t = new Thread(r, "dynamodb-fault-proxy");
                t.setDaemon(true);
                return t;
            });
            DynamoDbFaultProxy proxy = new DynamoDbFaultProxy(server, executor, target);
            server.createContext("/", proxy::handle);
            server.setExecutor(executor);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the DynamoDB fault proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** Answers the next {@code n} requests of {@code operation} ({@link #ANY} for all) with {@code error}. */
    public void failNext(String operation, int n, DynamoDbError error) {
        rules.add(new Rule(operation, error, new AtomicInteger(n), 0));
    }

    /**
     * From now on answers a fraction {@code rate} (0..1) of the requests of these operations
     * ({@link #ANY} for all) with {@code error}, until {@link #clear()}.
     */
    public void failRate(Set<String> operations, double rate, DynamoDbError error) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within 0..1, was " + rate);
        }
        for (String operation : operations) {
            rules.add(new Rule(operation, error, null, rate));
        }
    }

    /** Makes rate-based faults repeatable. */
    public void seed(long seed) {
        random = new SplittableRandom(seed);
    }

    /** Removes every rule: everything is forwarded again. */
    public void clear() {
        rules.clear();
    }

    /** Requests of this operation that reached the proxy (injected or forwarded). */
    public long calls(String operation) {
        LongAdder n = calls.get(operation);
        return n == null ? 0 : n.sum();
    }

    /** Errors injected so far, by error code. */
    public Map<String, Long> injected() {
        Map<String, Long> out = new TreeMap<>();
        injected.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String targetHeader = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = targetHeader == null ? "" : targetHeader.replace(TARGET_PREFIX, "");
            calls.computeIfAbsent(operation, o -> new LongAdder()).increment();
            DynamoDbError error = pick(operation);
            if (error != null) {
                injected.computeIfAbsent(error.code(), c -> new LongAdder()).increment();
                respond(exchange, error.status(), Map.of("Content-Type", List.of("application/x-amz-json-1.0")),
                        errorBody(error, body));
                return;
            }
            forward(exchange, body);
        }
    }

    private DynamoDbError pick(String operation) {
        for (Rule rule : rules) {
            if (!rule.matches(operation)) {
                continue;
            }
            if (rule.remaining != null) {
                if (rule.remaining.getAndDecrement() > 0) {
                    return rule.error;
                }
                rules.remove(rule);
            } else if (random.nextDouble() < rule.rate) {
                return rule.error;
            }
        }
        return null;
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            respond(exchange, response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, Map.of(), errorBody(DynamoDbError.internalServerError(), body));
        }
    }

    /** DynamoDB's error document; a cancelled transaction lists one reason per item of the request. */
    private static byte[] errorBody(DynamoDbError error, byte[] requestBody) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("__type", error.qualifiedType());
        json.put("message", error.message());
        if (error.isTransactionCanceled()) {
            int items = Math.max(error.cancellationReasons().size(), transactItems(requestBody));
            ArrayNode reasons = json.putArray("CancellationReasons");
            for (int i = 0; i < items; i++) {
                String code = i < error.cancellationReasons().size() ? error.cancellationReasons().get(i) : "None";
                ObjectNode reason = reasons.addObject().put("Code", code);
                if (!code.equals("None")) {
                    reason.put("Message", code + " (injected)");
                }
            }
            json.put("Message", error.message());
        }
        return JSON.writeValueAsBytes(json);
    }

    private static int transactItems(byte[] requestBody) {
        try {
            JsonNode items = JSON.readTree(requestBody).path("TransactItems");
            return items.isArray() ? items.size() : 0;
        } catch (IOException e) {
            return 0;
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

    /** Either a countdown ({@code remaining}) or a rate. */
    private record Rule(String operation, DynamoDbError error, AtomicInteger remaining, double rate) {
        boolean matches(String op) {
            return operation.equals(ANY) || operation.equals(op);
        }
    }

    @Override
    public String toString() {
        return "DynamoDbFaultProxy[" + endpoint() + " -> " + target + ", " + rules.size() + " rules]";
    }
}
