package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.aws.dynamodb.CategoryShards;
import io.zerosync.aws.dynamodb.DynamoDbViewStore;
import io.zerosync.kernel.sync.ViewRow;
import io.zerosync.local.LocalCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile requests against every route, one table: each row is a request (method, path, headers, body)
 * and the documented answer (status, error code). For every row the answer must carry the error shape
 * {@code {"error","message"}} (both strings), and nothing may be stored (item counts of every table, the
 * target shop's item) or announced (no message on the view queues or the re-import task queue). Runs on
 * the quiet local cloud (no pollers) so that whatever a request published would still sit on a queue.
 */
class HostileInputIT {
    private static final String NONE = "<none>";
    private static final List<String> TABLES = List.of("ShopsTable", "IdempotencyTable", "ReimportJobsTable",
            "zerosync-local-view-shop-detail", "zerosync-local-view-shop-list");
    private static final List<String> QUEUES = List.of("ShopDetailView.Queue", "ShopListView.Queue", "ReimportTaskQueue");

    private static LocalCloud cloud;
    private static String shopId;
    private static String deletedId;
    private static String listCursor;
    private static String exportCursor;
    private static String windowCursor;

    record Row(String method, String path, Map<String, String> headers, byte[] body, int status, String error) {
        @Override
        public String toString() {
            String shown = body == null ? "" : " " + new String(body, StandardCharsets.ISO_8859_1);
            return method + " " + path + (headers.isEmpty() ? "" : " " + headers)
                    + (shown.length() > 120 ? shown.substring(0, 120) + "..." : shown) + " -> " + status + " " + error;
        }
    }

    @BeforeAll
    static void start() {
        cloud = TestClouds.quiet();
        Reply created = send("POST", "/shops", Map.of("Idempotency-Key", "hostile-fixture"), utf8(shop()));
        assertEquals(201, created.status(), created.text());
        shopId = created.json().path("shopId").asText();
        Reply other = send("POST", "/shops", Map.of(), utf8(shop()));
        deletedId = other.json().path("shopId").asText();
        assertEquals(204, send("DELETE", "/shops/" + deletedId, Map.of(), null).status());

        // View rows straight into the tables (no pollers here): the shop-detail view's deletion marker,
        // and two listing rows, one whose name holds a newline (as a row written before names were checked).
        Instant now = Instant.now();
        new DynamoDbViewStore(cloud.dynamo(), "zerosync-local-view-shop-detail", "shopId").markDeleted(deletedId, 2, now);
        DynamoDbViewStore list = listStore();
        list.put(listRow("hostile_a", "Line\none", now));
        list.put(listRow("hostile_b", "Line two", now));

        Reply listing = send("GET", "/shops?category=hostile-list&limit=1", Map.of(), null);
        assertEquals(200, listing.status(), listing.text());
        listCursor = listing.json().path("nextCursor").asText();
        exportCursor = send("GET", "/internal/shops?limit=1&segment=0&totalSegments=1", Map.of(), null)
                .json().path("nextCursor").asText();
        windowCursor = send("GET", "/internal/shops?limit=1&" + window(), Map.of(), null).json().path("nextCursor").asText();
        for (String cursor : List.of(listCursor, exportCursor, windowCursor)) {
            assertTrue(cursor.length() > 10, "fixture cursors are issued: " + listCursor + " / " + exportCursor + " / " + windowCursor);
        }
        drainQueues();
    }

    /** The shop-list table as its writers store it: with the sharded ByCategory key the stack configures. */
    private static DynamoDbViewStore listStore() {
        int shards = Integer.parseInt(cloud.environmentOf("QueryApiFunction").variables().get("ZEROSYNC_CATEGORY_SHARDS"));
        return new DynamoDbViewStore(cloud.dynamo(), "zerosync-local-view-shop-list", "shopId", new CategoryShards(shards));
    }

    /** A window around now (the fixture shops' updates), as export query parameters. */
    private static String window() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return "updatedFrom=" + today.minusDays(1) + "T00:00:00Z&updatedTo=" + today.plusDays(2) + "T00:00:00Z";
    }

    private static ViewRow listRow(String id, String name, Instant at) {
        return listRow(id, name, "hostile-list", at);
    }

    private static ViewRow listRow(String id, String name, String category, Instant at) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("category", category);
        fields.put("open", true);
        fields.put("listKey", "1#" + name.toLowerCase() + "#" + id);
        return new ViewRow(id, 1, at, at, fields);
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String shop = "/shops/" + shopId;
        String menu = shop + "/menus/m1";
        String gone = "/shops/" + deletedId;

        // ---- write side: POST /shops
        for (String[] c : new String[][]{
                {"minOrderAmount", "1e400"}, {"deliveryFee", "1e400"}, {"deliveryFee", "9000.0000000000001"},
                {"minOrderAmount", "1e-400"}, {"minOrderAmount", "0.5"}, {"deliveryFee", "-1"},
                {"deliveryFee", "100000001"}, {"deliveryFee", "123456789012345678901234567890"},
                {"deliveryFee", "\"9000\""}, {"deliveryFee", "true"}, {"deliveryFee", "[9000]"},
                {"deliveryFee", "{\"amount\":9000}"}, {"open", "\"true\""}, {"open", "1"},
                {"name", "\"Nul\\u0000here\""}, {"name", "\"Line\\nbreak\""}, {"name", "\"Tab\\there\""},
                {"name", "\"C1\\u0085next\""}, {"name", "\"Del\\u007f\""}, {"name", "\"Lone \\ud800 high\""},
                {"address", "\"Lone \\udc00 low\""}, {"address", "\"Sep\\u2028arator\""}, {"name", "[\"x\"]"},
                {"name", "\"" + "n".repeat(101) + "\""}, {"name", "\"   \""}, {"name", "42"},
                {"category", "\"Korean\""}, {"category", "\"kor\\nean\""}, {"phone", "\"call\\u0000me\""},
                {"menus", "{}"}, {"menus", "[1]"}, {"menus", "\"none\""},
                {"menus", "[{\"name\":\"Dish\",\"price\":1e400}]"},
                {"menus", "[{\"name\":\"Dish\",\"price\":12.5}]"},
                {"menus", "[{\"name\":\"Dish\\u0000\",\"price\":1}]"},
                {"menus", "[{\"menuId\":\"bad id\",\"name\":\"Dish\",\"price\":1}]"},
                {"menus", "[{\"menuId\":\"a\",\"name\":\"D\",\"price\":1},{\"menuId\":\"a\",\"name\":\"D\",\"price\":1}]"},
                {"menus", menus(201)}}) {
            String error = c[0].equals("menus") && (c[1].equals("[1]")) ? "invalid_body"
                    : c[1].contains("bad id") ? "invalid_id" : "invalid_field";
            rows.add(row("POST", "/shops", shopWith(c[0], c[1]), 400, error));
        }
        rows.add(row("POST", "/shops", shopWith("deliveryfee", "100"), 400, "unknown_field"));
        rows.add(row("POST", "/shops", shopWith("x\\u0000y", "1"), 400, "unknown_field"));
        rows.add(row("POST", "/shops", shopWith("menus", "[{\"name\":\"D\",\"price\":1,\"cost\":1}]"), 400, "unknown_field"));
        rows.add(row("POST", "/shops", "{\"name\":\"A\",\"name\":\"B\"," + shop().substring(1), 400, "duplicate_key"));
        rows.add(row("POST", "/shops", shopWith("menus", "[{\"name\":\"D\",\"price\":1,\"price\":2}]"), 400, "duplicate_key"));
        rows.add(row("POST", "/shops", "[]", 400, "invalid_body"));
        rows.add(row("POST", "/shops", "\"shop\"", 400, "invalid_body"));
        rows.add(row("POST", "/shops", "null", 400, "invalid_body"));
        rows.add(row("POST", "/shops", "", 400, "invalid_body"));
        rows.add(row("POST", "/shops", "   ", 400, "invalid_body"));
        rows.add(row("POST", "/shops", "{", 400, "malformed_json"));
        rows.add(row("POST", "/shops", shop() + " {}", 400, "malformed_json"));
        rows.add(row("POST", "/shops", "{'name':'single quotes'}", 400, "malformed_json"));
        rows.add(row("POST", "/shops", shopWith("name", "NaN"), 400, "malformed_json"));
        rows.add(row("POST", "/shops", shopWith("deliveryFee", "1" + "0".repeat(200)), 400, "malformed_json"));
        rows.add(row("POST", "/shops", shopWith("name", "[".repeat(40) + "]".repeat(40)), 400, "malformed_json"));
        rows.add(row("POST", "/shops", shopWith("name", "[".repeat(5000) + "]".repeat(5000)), 400, "malformed_json"));
        rows.add(new Row("POST", "/shops", Map.of(), concat(utf8("{\"name\":\"Bad \""), new byte[]{(byte) 0xc3, 0x28},
                utf8(shop().substring(15))), 400, "malformed_json"));
        rows.add(new Row("POST", "/shops", Map.of(), concat(utf8("{\"name\":\"Overlong "), new byte[]{(byte) 0xc0, (byte) 0xaf},
                utf8("\"," + shop().substring(shop().indexOf("\"category\"")))), 400, "malformed_json"));
        rows.add(new Row("POST", "/shops", Map.of(), concat(new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8(shop())),
                400, "malformed_json"));
        rows.add(new Row("POST", "/shops", Map.of("Content-Type", "application/json; charset=utf-16"),
                shop().getBytes(StandardCharsets.UTF_16BE), 400, "malformed_json"));
        rows.add(row("POST", "/shops", shopWith("name", "\"" + "x".repeat(1_100_000) + "\""), 413, "body_too_large"));
        rows.add(row("POST", "/shops", Map.of("Content-Type", "text/plain"), shop(), 415, "unsupported_media_type"));
        rows.add(row("POST", "/shops", Map.of("Content-Type", "application/xml"), "<shop/>", 415, "unsupported_media_type"));
        rows.add(row("POST", "/shops", Map.of("Idempotency-Key", "has space"), shop(), 400, "invalid_header"));
        rows.add(row("POST", "/shops", Map.of("Idempotency-Key", "k".repeat(129)), shop(), 400, "invalid_header"));
        rows.add(row("POST", "/shops", Map.of("Idempotency-Key", "hostile-fixture"), shopWith("deliveryFee", "7"),
                422, "idempotency_key_reused"));
        rows.add(row("POST", "/shops", Map.of("Idempotency-Key", "hostile-dup"),
                "{\"deliveryFee\":1," + shop().substring(1), 400, "duplicate_key"));
        rows.add(row("PUT", "/shops", shop(), 405, "method_not_allowed"));

        // ---- write side: PATCH /shops/{id}
        for (String[] c : new String[][]{{"minOrderAmount", "1e400"}, {"deliveryFee", "0.5"}, {"deliveryFee", "\"1\""},
                {"name", "null"}, {"category", "null"}, {"name", "\"a\\nb\""}, {"name", "\"\\udfff\""},
                {"menus", "[{\"name\":\"D\",\"price\":1e400}]"}, {"open", "\"no\""}}) {
            rows.add(row("PATCH", shop, "{\"" + c[0] + "\":" + c[1] + "}", 400, "invalid_field"));
        }
        rows.add(row("PATCH", shop, "{\"deliveryfee\":null}", 400, "unknown_field"));
        rows.add(row("PATCH", shop, "{\"deliveryFee\":1,\"deliveryFee\":2}", 400, "duplicate_key"));
        rows.add(row("PATCH", shop, "[]", 400, "invalid_body"));
        rows.add(row("PATCH", shop, "\"x\"", 400, "invalid_body"));
        rows.add(row("PATCH", shop, "", 400, "invalid_body"));
        rows.add(row("PATCH", shop, Map.of("If-Match", "abc"), "{\"deliveryFee\":1}", 400, "invalid_header"));
        rows.add(row("PATCH", shop, Map.of("If-Match", "\"99999999999999999999\""), "{\"deliveryFee\":1}", 400, "invalid_header"));
        rows.add(row("PATCH", shop, Map.of("If-Match", "\"1\", \"2\""), "{\"deliveryFee\":1}", 400, "invalid_header"));
        rows.add(row("PATCH", shop, Map.of("If-Match", "\"7\""), "{\"deliveryFee\":1}", 412, "version_mismatch"));
        rows.add(row("PATCH", shop, Map.of("Content-Type", "text/plain"), "{\"deliveryFee\":1}", 415, "unsupported_media_type"));
        rows.add(row("PATCH", "/shops/bad%20id", "{\"deliveryFee\":1}", 400, "invalid_id"));
        rows.add(row("PATCH", "/shops/" + "x".repeat(65), "{\"deliveryFee\":1}", 400, "invalid_id"));
        rows.add(row("PATCH", "/shops/%E2%82%AC", "{\"deliveryFee\":1}", 400, "invalid_id"));
        rows.add(row("PATCH", "/shops/shp_unknown", "{\"deliveryFee\":1}", 404, "not_found"));
        rows.add(row("PATCH", gone, "{\"deliveryFee\":1}", 404, "not_found"));

        // ---- write side: menus and deletes
        rows.add(row("PUT", menu, "{\"name\":\"Dish\",\"price\":1e400}", 400, "invalid_field"));
        rows.add(row("PUT", menu, "{\"name\":\"Dish\",\"price\":12.5}", 400, "invalid_field"));
        rows.add(row("PUT", menu, "{\"name\":\"Dish\\u0000\",\"price\":1}", 400, "invalid_field"));
        rows.add(row("PUT", menu, "{\"menuId\":\"m2\",\"name\":\"Dish\",\"price\":1}", 400, "invalid_field"));
        rows.add(row("PUT", menu, "{\"name\":\"Dish\",\"price\":1,\"price\":2}", 400, "duplicate_key"));
        rows.add(row("PUT", menu, "[{\"name\":\"Dish\",\"price\":1}]", 400, "invalid_body"));
        rows.add(row("PUT", shop + "/menus/bad%21id", "{\"name\":\"Dish\",\"price\":1}", 400, "invalid_id"));
        rows.add(row("PUT", "/shops/shp_unknown/menus/m1", "{\"name\":\"Dish\",\"price\":1}", 404, "not_found"));
        rows.add(row("PUT", menu, Map.of("If-Match", "W/abc"), "{\"name\":\"Dish\",\"price\":1}", 400, "invalid_header"));
        rows.add(row("DELETE", shop + "/menus/nope", null, 404, "not_found"));
        rows.add(row("DELETE", shop + "/menus/%0A", null, 400, "invalid_id"));
        rows.add(row("DELETE", menu, Map.of("If-Match", "-1"), null, 400, "invalid_header"));
        rows.add(row("DELETE", shop, Map.of("If-Match", "\"7\""), null, 412, "version_mismatch"));
        rows.add(row("DELETE", "/shops/bad%00id", null, 400, "invalid_id"));
        rows.add(row("DELETE", gone, null, 404, "not_found"));

        // ---- the edge: writes without a valid writer's token (API Gateway's Cognito authorizer, locally)
        io.zerosync.local.edge.DevIssuer issuer = cloud.devIssuer();
        Instant now = Instant.now();
        String expired = issuer.mint("dev", now.minusSeconds(7200), now.minusSeconds(3600),
                io.zerosync.local.edge.DevIssuer.AUDIENCE);
        String otherAudience = issuer.mint("dev", now, now.plusSeconds(3600), "someone-else");
        String foreignKey = io.zerosync.local.edge.DevIssuer.generate().mint("dev", java.time.Duration.ofHours(1));
        String valid = cloud.devToken();
        String tampered = valid.substring(0, valid.lastIndexOf('.') + 1) + (valid.endsWith("A") ? "B" : "A")
                + valid.substring(valid.lastIndexOf('.') + 2);
        String algNone = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + valid.substring(valid.indexOf('.'), valid.lastIndexOf('.') + 1) + "x";
        Map<String, String[]> writes = new LinkedHashMap<>();
        writes.put("POST /shops", new String[]{"POST", "/shops", shop()});
        writes.put("PATCH shop", new String[]{"PATCH", shop, "{\"deliveryFee\":1}"});
        writes.put("PUT menu", new String[]{"PUT", menu, "{\"name\":\"Dish\",\"price\":1}"});
        writes.put("DELETE menu", new String[]{"DELETE", menu, null});
        writes.put("DELETE shop", new String[]{"DELETE", shop, null});
        for (String[] w : writes.values()) {
            for (String authorization : List.of(NONE, "Bearer " + expired, "Bearer " + otherAudience,
                    "Bearer " + foreignKey, "Bearer " + tampered, "Bearer " + algNone)) {
                rows.add(row(w[0], w[1], Map.of("Authorization", authorization), w[2], 401, "unauthorized"));
            }
        }
        for (String malformed : List.of("Bearer", "Bearer ", "Basic ZGV2OmRldg==", valid, "Bearer a.b",
                "Bearer " + valid + ".x", "Bearer %%%.%%%.%%%", "Bearer " + "x".repeat(6000), TestClouds.TOKEN,
                "Bearer " + TestClouds.TOKEN)) {
            rows.add(row("POST", "/shops", Map.of("Authorization", malformed), shop(), 401, "unauthorized"));
        }

        // ---- source API (bearer token)
        rows.add(row("GET", "/internal/shops/" + shopId, Map.of("Authorization", NONE), null, 401, "unauthorized"));
        rows.add(row("GET", "/internal/shops/" + shopId, Map.of("Authorization", "Bearer wrong"), null, 403, "forbidden"));
        rows.add(row("POST", "/internal/shops/batch-get", Map.of("Authorization", NONE), "{\"ids\":[\"a\"]}", 401, "unauthorized"));
        rows.add(row("GET", "/internal/shops/bad%20id", null, 400, "invalid_id"));
        rows.add(row("GET", "/internal/shops/" + "x".repeat(65), null, 400, "invalid_id"));
        rows.add(row("POST", "/internal/shops/batch-get", "{\"ids\":\"a\"}", 400, "invalid_body"));
        rows.add(row("POST", "/internal/shops/batch-get", "{\"ids\":[\"a\"],\"more\":1}", 400, "invalid_body"));
        rows.add(row("POST", "/internal/shops/batch-get", "{\"ids\":[1]}", 400, "invalid_field"));
        rows.add(row("POST", "/internal/shops/batch-get", "{\"ids\":[]}", 400, "invalid_field"));
        rows.add(row("POST", "/internal/shops/batch-get", "{\"ids\":[\"bad id\"]}", 400, "invalid_id"));
        rows.add(row("POST", "/internal/shops/batch-get", "{\"ids\":[\"\"]}", 400, "invalid_id"));
        rows.add(row("POST", "/internal/shops/batch-get", "{\"ids\":" + ids(101, 10) + "}", 400, "invalid_field"));
        rows.add(row("POST", "/internal/shops/batch-get", "{\"ids\":[\"a\"],\"ids\":[\"b\"]}", 400, "duplicate_key"));
        rows.add(row("POST", "/internal/shops/batch-get", "[\"a\"]", 400, "invalid_body"));
        for (String query : List.of("limit=0", "limit=1001", "limit=99999999999", "limit=abc", "totalSegments=0",
                "totalSegments=1001", "segment=-1", "segment=4&totalSegments=4", "segment=x")) {
            rows.add(row("GET", "/internal/shops?" + query, null, 400, "invalid_field"));
        }
        rows.add(row("GET", "/internal/shops?fields=all", null, 400, "invalid_field"));
        rows.add(row("GET", "/internal/shops?updatedFrom=yesterday&updatedTo=2030-01-01T00:00:00Z", null, 400, "invalid_field"));
        for (String query : List.of("updatedFrom=2026-01-01T00:00:00Z",
                "updatedFrom=2026-02-01T00:00:00Z&updatedTo=2026-01-01T00:00:00Z",
                "updatedFrom=2026-01-01T00:00:00Z&updatedTo=2026-01-01T00:00:00Z",
                "updatedFrom=2020-01-01T00:00:00Z&updatedTo=2026-01-01T00:00:00Z",
                "updatedFrom=2026-01-01T00:00:00Z&updatedTo=2026-01-02T00:00:00Z&totalSegments=2")) {
            rows.add(row("GET", "/internal/shops?" + query, null, 400, "invalid_window"));
        }
        for (String cursor : hostileCursors(exportCursor, listCursor)) {
            rows.add(row("GET", "/internal/shops?cursor=" + cursor, null, 400, "invalid_cursor"));
        }
        // A request line longer than the HTTP server takes is refused before any route runs.
        rows.add(row("GET", "/internal/shops?cursor=" + "x".repeat(5000), null, 413, "request_entity_too_large"));
        rows.add(row("GET", "/internal/shops?segment=1&totalSegments=2&cursor=" + exportCursor, null, 400, "invalid_cursor"));
        rows.add(row("GET", "/internal/shops?updatedFrom=2026-01-01T00:00:00Z&updatedTo=2026-02-01T00:00:00Z&cursor="
                + exportCursor, null, 400, "invalid_cursor"));
        rows.add(row("GET", "/internal/shops?updatedFrom=2021-01-01T00:00:00Z&updatedTo=2021-02-01T00:00:00Z&cursor="
                + windowCursor, null, 400, "invalid_cursor"));

        // ---- read side
        rows.add(row("GET", "/shops/bad%20id", null, 400, "invalid_id"));
        rows.add(row("GET", "/shops/%F0%9F%8D%95", null, 400, "invalid_id"));
        rows.add(row("GET", "/shops/shp_unknown", null, 404, "not_found"));
        for (String header : List.of("abc", "0", "-1", "1e3", "99999999999999999999", "1, 2")) {
            rows.add(row("GET", shop, Map.of("X-Min-Version", header), null, 400, "invalid_header"));
        }
        rows.add(row("GET", gone, Map.of("X-Min-Version", "1"), null, 404, "not_found"));
        rows.add(row("GET", gone, Map.of("X-Min-Version", "99"), null, 404, "not_found"));
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "limit=99999999999", "limit=-5", "open=maybe",
                "open=TRUE", "category=Korean", "category=%00", "category=" + "a".repeat(41))) {
            rows.add(row("GET", "/shops?" + query, null, 400, "invalid_field"));
        }
        for (String cursor : hostileCursors(listCursor, exportCursor)) {
            rows.add(row("GET", "/shops?category=hostile-list&cursor=" + cursor, null, 400, "invalid_cursor"));
        }
        // Broken percent-encoding and an encoded lone surrogate (CESU-8) in paths and query strings.
        rows.add(row("GET", "/shops/%zz", null, 400, "bad_request"));
        rows.add(row("GET", "/shops/%ED%A0%80", null, 400, "invalid_id"));
        rows.add(row("GET", "/shops?category=%zz", null, 400, "bad_request"));
        rows.add(row("GET", "/shops?category=%ED%A0%80", null, 400, "invalid_field"));
        rows.add(row("GET", "/shops?limit=%", null, 400, "bad_request"));
        rows.add(row("PATCH", "/shops/%zz", "{\"deliveryFee\":1}", 400, "bad_request"));
        rows.add(row("GET", "/shops?category=hostile-list&cursor=%ED%A0%80", null, 400, "invalid_cursor"));
        rows.add(row("POST", "/admin/views/%ED%A0%80/reconcile", null, 400, "invalid_field"));
        rows.add(row("POST", "/shops", Map.of("Idempotency-Key", "kl\u00fcssel"), shop(), 400, "invalid_header"));
        rows.add(row("GET", "/shops?category=other&cursor=" + listCursor, null, 400, "invalid_cursor"));
        rows.add(row("GET", "/shops?category=hostile-list&open=true&cursor=" + listCursor, null, 400, "invalid_cursor"));
        rows.add(row("GET", "/shops?cursor=" + listCursor, null, 400, "invalid_cursor"));

        // ---- admin (bearer token)
        String reimports = "/admin/reimports";
        rows.add(row("POST", reimports, Map.of("Authorization", NONE), "{\"view\":\"all\"}", 401, "unauthorized"));
        rows.add(row("GET", "/admin/views", Map.of("Authorization", "Bearer wrong"), null, 403, "forbidden"));
        rows.add(row("POST", reimports, "{}", 400, "invalid_field"));
        rows.add(row("POST", reimports, "{\"view\":\"nope\"}", 400, "invalid_field"));
        rows.add(row("POST", reimports, "{\"view\":\"no\\u0000pe\\ud800\"}", 400, "invalid_field"));
        rows.add(row("POST", reimports, "{\"view\":123}", 400, "invalid_field"));
        rows.add(row("POST", reimports, "{\"view\":\"shop-detail\",\"bogus\":1}", 400, "unknown_field"));
        rows.add(row("POST", reimports, "{\"view\":\"shop-detail\",\"view\":\"shop-list\"}", 400, "duplicate_key"));
        rows.add(row("POST", reimports, "[\"shop-detail\"]", 400, "invalid_body"));
        rows.add(row("POST", reimports, "", 400, "invalid_body"));
        rows.add(row("POST", reimports, Map.of("Content-Type", "text/plain"), "{\"view\":\"all\"}", 415, "unsupported_media_type"));
        rows.add(row("POST", reimports, "{\"view\":\"shop-detail\",\"mode\":\"bogus\"}", 400, "invalid_field"));
        rows.add(row("POST", reimports, "{\"view\":\"shop-detail\",\"mode\":1}", 400, "invalid_field"));
        rows.add(row("POST", reimports, "{\"view\":\"shop-detail\",\"dryRun\":\"yes\"}", 400, "invalid_field"));
        for (String scope : List.of("\"full\"", "{}", "{\"type\":\"some\"}", "{\"type\":\"ids\"}", "{\"type\":\"ids\",\"ids\":[]}",
                "{\"type\":\"ids\",\"ids\":\"a\"}", "{\"type\":\"ids\",\"ids\":[1]}",
                "{\"type\":\"ids\",\"ids\":" + ids(10_001, 8) + "}",
                "{\"type\":\"updated\",\"from\":\"yesterday\",\"to\":\"2026-01-01T00:00:00Z\"}",
                "{\"type\":\"updated\",\"from\":\"2026-01-01T00:00:00Z\"}",
                "{\"type\":\"updated\",\"from\":\"2026-02-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}",
                "{\"type\":\"updated\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}",
                "{\"type\":\"updated\",\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}",
                "{\"type\":\"updated\",\"from\":20260101,\"to\":\"2026-01-01T00:00:00Z\"}")) {
            rows.add(row("POST", reimports, "{\"view\":\"shop-detail\",\"scope\":" + scope + "}", 400, "invalid_field"));
        }
        for (String scope : List.of("{\"type\":\"ids\",\"ids\":[\"\"]}", "{\"type\":\"ids\",\"ids\":[\"a b\"]}",
                "{\"type\":\"ids\",\"ids\":[\"" + "x".repeat(65) + "\"]}")) {
            rows.add(row("POST", reimports, "{\"view\":\"shop-detail\",\"scope\":" + scope + "}", 400, "invalid_id"));
        }
        rows.add(row("POST", reimports, "{\"view\":\"shop-detail\",\"scope\":{\"type\":\"full\",\"ids\":[\"a\"]}}",
                400, "unknown_field"));
        rows.add(row("POST", reimports, "{\"view\":\"shop-detail\",\"scope\":{\"type\":\"ids\",\"ids\":[\"a\"],\"from\":\"x\"}}",
                400, "unknown_field"));
        rows.add(row("GET", reimports + "?limit=abc", null, 400, "invalid_field"));
        rows.add(row("GET", reimports + "/bad%20id", null, 400, "invalid_id"));
        rows.add(row("GET", reimports + "/" + "j".repeat(3000), null, 400, "invalid_id"));
        rows.add(row("GET", reimports + "/job_unknown", null, 404, "not_found"));
        rows.add(row("DELETE", reimports + "/bad%20id", null, 400, "invalid_id"));
        rows.add(row("DELETE", reimports + "/job_unknown", null, 404, "not_found"));
        rows.add(row("POST", "/admin/views/nope/dlq/redrive", null, 400, "invalid_field"));
        rows.add(row("POST", "/admin/views/nope/reconcile", null, 400, "invalid_field"));
        rows.add(row("POST", "/admin/views/shop-detail/reconcile", "{\"repair\":\"yes\"}", 400, "invalid_field"));
        rows.add(row("POST", "/admin/views/shop-detail/reconcile", "{\"bogus\":true}", 400, "unknown_field"));
        rows.add(row("POST", "/admin/views/shop-detail/reconcile", "{\"repair\":true,\"repair\":false}", 400, "duplicate_key"));
        rows.add(row("POST", "/admin/views/shop-detail/reconcile", "{\"scope\":{\"type\":\"ids\",\"ids\":[]}}", 400, "invalid_field"));
        rows.add(row("POST", "/admin/views/shop-detail/reconcile", "[]", 400, "invalid_body"));
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestGetsItsDocumented4xx_andNothingIsStoredOrAnnounced() {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            Map<String, Object> before = snapshot();
            Reply reply = send(row.method(), row.path(), row.headers(), row.body());
            assertEquals(row.status(), reply.status(), row + " answered " + reply.text());
            JsonNode body = reply.json();
            assertNotNull(body, row + ": an error body");
            assertTrue(body.path("error").isTextual() && body.path("message").isTextual(),
                    row + ": the error shape, got " + reply.text());
            assertEquals(row.error(), body.path("error").asText(), row + ": " + reply.text());
            assertEquals(before, snapshot(), row + " changed or announced something");
        }));
    }

    /** Depends on the "jobs" part's job-item fix (a 10,000-ID job item used to pass DynamoDB's 400 KB). */
    @Test
    void anIdsScopeOf10000IdsOf64Characters_isAccepted() {
        Reply reply = send("POST", "/admin/reimports", Map.of(),
                utf8("{\"view\":\"shop-detail\",\"scope\":{\"type\":\"ids\",\"ids\":" + ids(10_000, 64) + "}}"));
        try {
            assertEquals(202, reply.status(), reply.text());
        } finally {
            String jobId = reply.json() == null ? null : reply.json().path("jobId").asText(null);
            if (jobId != null) {
                send("DELETE", "/admin/reimports/" + jobId, Map.of(), null);
            }
            drainQueues();
        }
    }

    @Test
    void aListCursorIsFollowedToTheNextPage_evenPastANameWithANewline() {
        Reply next = send("GET", "/shops?category=hostile-list&limit=1&cursor=" + listCursor, Map.of(), null);
        assertEquals(200, next.status(), next.text());
        assertEquals("hostile_b", next.json().path("shops").path(0).path("shopId").asText(), next.text());
    }

    @Test
    void aRowStoredWithALoneSurrogateBeforeTextWasChecked_isServedAsStrictUtf8() {
        Instant now = Instant.now();
        ViewRow row = listRow("hostile_s", "Lone \ud800 surrogate", "hostile-surrogate", now);
        listStore().put(row);

        Reply reply = send("GET", "/shops?category=hostile-surrogate", Map.of(), null);

        assertEquals(200, reply.status(), reply.text());
        assertEquals("Lone \ufffd surrogate", reply.json().path("shops").path(0).path("name").asText(), reply.text());
    }

    // ---------------------------------------------------------------- helpers

    /** A valid cursor tampered with in every way a client could: edited, truncated, forged, unsigned, huge, foreign. */
    private static List<String> hostileCursors(String valid, String foreign) {
        String payload = valid.substring(0, valid.indexOf('.'));
        String signature = valid.substring(valid.indexOf('.') + 1);
        char last = payload.charAt(payload.length() - 1);
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("m=list%7cc=hostile-list%7co=null\nk.shopId=x\n".getBytes(StandardCharsets.UTF_8));
        return List.of("garbage", "%00", payload.substring(0, payload.length() - 1) + (last == 'A' ? 'B' : 'A') + "." + signature,
                valid.substring(0, valid.length() - 3), payload, payload + ".", "." + signature,
                forgedPayload + "." + signature, forgedPayload + "." + "A".repeat(43),
                Base64.getUrlEncoder().withoutPadding().encodeToString("m=list\nk.shopId=x\n".getBytes(StandardCharsets.UTF_8)),
                valid + "." + signature, "x".repeat(3000), foreign);
    }

    private static Map<String, Object> snapshot() {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String table : TABLES) {
            state.put(table, cloud.dynamo().scan(r -> r.tableName(table).consistentRead(true)
                    .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)).count());
        }
        for (String id : List.of(shopId, deletedId)) {
            state.put(id, cloud.dynamo().getItem(r -> r.tableName("ShopsTable").consistentRead(true)
                    .key(Map.of("shopId", AttributeValue.fromS(id)))).item());
        }
        for (String queue : QUEUES) {
            Map<QueueAttributeName, String> a = cloud.sqs().getQueueAttributes(r -> r.queueUrl(url(queue))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            state.put(queue, a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) + "+"
                    + a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
        return state;
    }

    private static void drainQueues() {
        for (String queue : QUEUES) {
            cloud.sqs().purgeQueue(r -> r.queueUrl(url(queue)));
        }
    }

    private static String url(String queue) {
        return cloud.stack().resource(queue).url();
    }

    private static String shop() {
        return "{\"name\":\"Hostile\",\"category\":\"hostile\",\"address\":\"1 Test Street\",\"minOrderAmount\":1000,"
                + "\"deliveryFee\":100,\"menus\":[{\"menuId\":\"m1\",\"name\":\"Dish\",\"price\":500}]}";
    }

    /** The valid shop with one member set to a raw JSON value (or added, for an unknown name). */
    private static String shopWith(String field, String rawValue) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("name", "\"Hostile\"");
        members.put("category", "\"hostile\"");
        members.put("address", "\"1 Test Street\"");
        members.put("minOrderAmount", "1000");
        members.put("deliveryFee", "100");
        members.put("menus", "[{\"menuId\":\"m1\",\"name\":\"Dish\",\"price\":500}]");
        members.put(field, rawValue);
        return members.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String menus(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"name\":\"D\",\"price\":1}").collect(Collectors.joining(",", "[", "]"));
    }

    /** n distinct IDs of the given length, as a JSON array. */
    private static String ids(int n, int length) {
        return IntStream.range(0, n).mapToObj(i -> {
            String digits = Integer.toString(i);
            return "\"" + "i".repeat(length - digits.length()) + digits + "\"";
        }).collect(Collectors.joining(",", "[", "]"));
    }

    private static Row row(String method, String path, String body, int status, String error) {
        return row(method, path, Map.of(), body, status, error);
    }

    private static Row row(String method, String path, Map<String, String> headers, String body, int status, String error) {
        return new Row(method, path, headers, body == null ? null : utf8(body), status, error);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    record Reply(int status, String text) {
        JsonNode json() {
            try {
                return text.isEmpty() ? null : Api.JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }
    }

    /**
     * One request over a raw socket, byte for byte: java.net.http refuses malformed percent-escapes in a
     * URI and rewrites non-ASCII header values, and both are what a hostile client sends. Header values
     * go out as ISO-8859-1, one byte per character.
     */
    private static Reply send(String method, String path, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "localhost");
        all.put("Connection", "close");
        if (body != null) {
            all.put("Content-Type", "application/json");
            all.put("Content-Length", Integer.toString(body.length));
        }
        if (path.startsWith("/internal") || path.startsWith("/admin")) {
            all.put("Authorization", "Bearer " + TestClouds.TOKEN);
        } else if (path.startsWith("/shops") && !method.equals("GET")) {
            all.put("Authorization", "Bearer " + cloud.devToken()); // rows test validation past the edge
        }
        all.putAll(headers);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> {
            if (!NONE.equals(value)) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        head.append("\r\n");
        URI endpoint = cloud.httpEndpoint();
        try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    private static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        boolean chunked = false;
        for (String line : lines) {
            chunked |= line.toLowerCase(java.util.Locale.ROOT).matches("transfer-encoding:\\s*chunked");
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        byte[] body = chunked ? dechunk(rest) : rest;
        try {
            // Strictly: an answer that is not valid UTF-8 is a failure of the row, not something to repair.
            return new Reply(status, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError("the answer is not valid UTF-8: " + new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    private static byte[] dechunk(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = at;
            while (lineEnd + 1 < body.length && !(body[lineEnd] == '\r' && body[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeText = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
