package io.zerosync.local.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The orders team's write side as the second aggregate's view sees it: the source contract every Zerosync
 * source answers ({@code POST /internal/orders/batch-get}, {@code GET /internal/orders?...} export pages by
 * segment or window with tombstones, {@code GET /internal/orders/stats}) over an in-memory store, on real HTTP.
 * Writes happen in the test, which announces them as the write side's outbox would.
 */
public final class OrderSource implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/internal/orders";

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    /** IDs whose batch-get this source cannot answer now (a 503): syncs of them fail, and are retried. */
    public final java.util.Set<String> unavailable = ConcurrentHashMap.newKeySet();
    private final HttpServer server;

    public OrderSource() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    /** The base URL a view declaration names (its {@code SourceApiUrl}); the collection path is {@code internal/orders}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public Order create(String id, String customer, long totalCents) {
        Order order = new Order(id, 1, Instant.now(), customer, totalCents, false);
        orders.put(id, order);
        return order;
    }

    public Order change(String id, String customer, long totalCents) {
        return orders.compute(id, (k, o) -> o.next(customer, totalCents, Instant.now()));
    }

    public Order delete(String id) {
        return orders.compute(id, (k, o) -> o.tombstone(Instant.now()));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Object answer;
            if ("POST".equals(exchange.getRequestMethod()) && path.equals(PATH + "/batch-get")) {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                if (asked(request).stream().anyMatch(unavailable::contains)) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                answer = batchGet(request);
            } else if ("GET".equals(exchange.getRequestMethod()) && path.equals(PATH + "/stats")) {
                answer = Map.of("approximateCount", orders.size());
            } else if ("GET".equals(exchange.getRequestMethod()) && path.equals(PATH)) {
                answer = export(query(exchange.getRequestURI().getRawQuery()));
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static List<String> asked(JsonNode request) {
        List<String> ids = new ArrayList<>();
        request.path("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private Map<String, Object> batchGet(JsonNode request) {
        List<Map<String, Object>> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, Long> tombstones = new LinkedHashMap<>();
        for (JsonNode id : request.path("ids")) {
            Order order = orders.get(id.asText());
            if (order == null || order.deleted()) {
                missing.add(id.asText());
                if (order != null) {
                    tombstones.put(order.orderId(), order.version());
                }
            } else {
                found.add(json(order));
            }
        }
        return Map.of("orders", found, "missing", missing, "tombstones", tombstones);
    }

    /** Pages in ID order; a segment holds the IDs whose hash falls in it; a window, those updated in it. */
    private Map<String, Object> export(Map<String, String> q) {
        int segment = Integer.parseInt(q.getOrDefault("segment", "0"));
        int total = Integer.parseInt(q.getOrDefault("totalSegments", "1"));
        Instant from = q.containsKey("updatedFrom") ? Instant.parse(q.get("updatedFrom")) : null;
        Instant to = q.containsKey("updatedTo") ? Instant.parse(q.get("updatedTo")) : null;
        int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
        int offset = q.containsKey("cursor") ? Integer.parseInt(q.get("cursor")) : 0;
        List<Order> matching = orders.values().stream()
                .filter(o -> from != null || Math.floorMod(o.orderId().hashCode(), total) == segment)
                .filter(o -> from == null || (!o.updatedAt().isBefore(from) && o.updatedAt().isBefore(to)))
                .sorted(Comparator.comparing(Order::orderId)).toList();
        int end = Math.min(matching.size(), offset + limit);
        Map<String, Object> page = new HashMap<>();
        page.put("orders", matching.subList(offset, end).stream().map(OrderSource::json).toList());
        page.put("nextCursor", end < matching.size() ? Integer.toString(end) : null);
        return page;
    }

    private static Map<String, Object> json(Order order) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", order.orderId());
        json.put("version", order.version());
        json.put("updatedAt", order.updatedAt().toString());
        if (order.deleted()) {
            json.put("deleted", true);
        } else {
            json.put("customer", order.customer());
            json.put("totalCents", order.totalCents());
        }
        return json;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}
