package io.zerosync.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI target;
    private volatile HttpHop hop;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> injected = new ConcurrentHashMap<>();
    private volatile SplittableRandom random = new SplittableRandom();

    private DynamoDbFaultProxy(URI target) {
        this.target = target;
    }

    /** Starts on a free localhost port, forwarding to {@code target} (DynamoDB Local's endpoint). */
    public static DynamoDbFaultProxy start(URI target) {
        DynamoDbFaultProxy proxy = new DynamoDbFaultProxy(target);
        proxy.hop = HttpHop.start("dynamodb-fault-proxy", 32, proxy::handle);
        return proxy;
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + hop.port());
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
                HttpHop.respond(exchange, error.status(), Map.of("Content-Type", List.of("application/x-amz-json-1.0")),
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
        try {
            HttpResponse<byte[]> response = hop.forward(exchange, target, body);
            HttpHop.respond(exchange, response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpHop.respond(exchange, 500, Map.of(), errorBody(DynamoDbError.internalServerError(), body));
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

    @Override
    public void close() {
        hop.close();
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
