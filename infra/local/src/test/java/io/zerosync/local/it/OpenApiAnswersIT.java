package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.zerosync.local.LocalCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The API description says what the API really answers: real requests to the quiet local cloud (writes,
 * the source API, admin reads, the read side's 404 and 409, bad input) get a status the document lists for
 * that operation, the headers it names, and a JSON body of the documented shape (required fields present,
 * types right, no field the schema does not list).
 */
class OpenApiAnswersIT {
    private static OpenAPI doc;
    private final LocalCloud cloud = TestClouds.quiet();
    private final Api api = new Api(cloud);

    @BeforeAll
    static void parse() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        // Keep allOf as written: merging it would drop the "nullable" that stands beside it (repairJob).
        options.setResolveCombinators(false);
        try (InputStream in = OpenApiAnswersIT.class.getClassLoader().getResourceAsStream("public/openapi/openapi.yaml")) {
            assertNotNull(in);
            doc = new OpenAPIV3Parser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options).getOpenAPI();
        }
    }

    @Test
    void writesAndTheSourceApi_answerAsDocumented() {
        Api.Reply created = api.post("/shops", Api.shop("Documented Diner", "docs"), "Idempotency-Key", "doc-" + UUID.randomUUID());
        conforms("POST", "/shops", created);
        String id = created.text("shopId");
        conforms("PATCH", "/shops/{id}", api.call("PATCH", "/shops/" + id, Map.of("deliveryFee", 1500), "If-Match", "\"1\""));
        conforms("PATCH", "/shops/{id}", api.call("PATCH", "/shops/" + id, Map.of("deliveryFee", 1400), "If-Match", "\"1\""));
        conforms("PATCH", "/shops/{id}", api.call("PATCH", "/shops/" + id, Map.of("deliveryfee", 1)));
        conforms("PUT", "/shops/{id}/menus/{menuId}", api.call("PUT", "/shops/" + id + "/menus/m3", Map.of("name", "Three", "price", 900)));
        conforms("DELETE", "/shops/{id}/menus/{menuId}", api.call("DELETE", "/shops/" + id + "/menus/m3", null));
        conforms("POST", "/shops", api.call("POST", "/shops", Api.shop("No token", "docs"), "Authorization", "Bearer nope"));

        conforms("GET", "/internal/shops/{id}", api.get("/internal/shops/" + id));
        conforms("GET", "/internal/shops/{id}", api.get("/internal/shops/no-such-shop"));
        conforms("GET", "/internal/shops/{id}", api.get("/internal/shops/" + id, "Authorization", "Bearer wrong"));
        conforms("POST", "/internal/shops/batch-get", api.post("/internal/shops/batch-get", Map.of("ids", List.of(id, "never-was"))));
        conforms("GET", "/internal/shops", api.get("/internal/shops?limit=3"));
        conforms("GET", "/internal/shops", api.get("/internal/shops?limit=3&fields=ids"));
        conforms("GET", "/internal/shops/stats", api.get("/internal/shops/stats"));

        conforms("DELETE", "/shops/{id}", api.call("DELETE", "/shops/" + id, null));
        conforms("POST", "/internal/shops/batch-get", api.post("/internal/shops/batch-get", Map.of("ids", List.of(id))));
    }

    @Test
    void theReadSide_answersAsDocumented_beforeItHasSynced() {
        String id = api.createShop("Not Yet Synced", "docs");
        // The quiet cloud runs no pollers: the view never gets the row.
        conforms("GET", "/shops/{id}", api.get("/shops/" + id));
        conforms("GET", "/shops/{id}", api.get("/shops/" + id, "X-Min-Version", "1"));
        conforms("GET", "/shops/{id}", api.get("/shops/" + id, "X-Min-Version", "zero"));
        conforms("GET", "/shops", api.get("/shops?category=docs&limit=5"));
        conforms("GET", "/shops", api.get("/shops?open=maybe"));
    }

    @Test
    void adminReads_andLocalRoutes_answerAsDocumented() {
        conforms("GET", "/admin/views", api.get("/admin/views"));
        conforms("GET", "/admin/reimports", api.get("/admin/reimports?limit=5"));
        conforms("GET", "/admin/reimports/{jobId}", api.get("/admin/reimports/job_none"));
        conforms("POST", "/admin/reimports", api.post("/admin/reimports",
                Map.of("view", "shop-list", "scope", Map.of("type", "full"), "dryRun", true)));
        conforms("POST", "/admin/reimports", api.post("/admin/reimports", Map.of("view", "shop-list", "speed", 3)));
        conforms("POST", "/admin/views/{view}/reconcile", api.post("/admin/views/shop-detail/reconcile",
                Map.of("scope", Map.of("type", "ids", "ids", List.of(api.createShop("Reconciled", "docs"))))));
        conforms("GET", "/admin/reconciles/{jobId}/drift", api.get("/admin/reconciles/job_none/drift?class=missing"));
        conforms("GET", "/admin/views", api.get("/admin/views", "Authorization", "Bearer wrong"));
        conforms("GET", "/health", api.get("/health"));
        conforms("POST", "/local/token", api.post("/local/token", Map.of("subject", "docs"), "Authorization", "Bearer " + TestClouds.TOKEN));
        conforms("GET", "/local/faults", api.get("/local/faults", "Authorization", "Bearer " + TestClouds.TOKEN));
    }

    private static void conforms(String method, String path, Api.Reply reply) {
        String route = method + " " + path;
        PathItem item = doc.getPaths().get(path);
        assertNotNull(item, route + " is documented");
        Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
        assertNotNull(op, route + " is documented");
        ApiResponse documented = op.getResponses().get(String.valueOf(reply.status()));
        assertNotNull(documented, route + " answered " + reply.status() + ", which the document does not list: " + reply.raw().body());
        if (documented.getHeaders() != null) {
            for (String header : documented.getHeaders().keySet()) {
                if (List.of("ETag", "Location", "Retry-After", "X-Current-Version").contains(header)) {
                    assertNotNull(reply.header(header), route + " " + reply.status() + " sends " + header);
                }
            }
        }
        if (documented.getContent() == null) {
            assertEquals("", reply.raw().body(), route + " " + reply.status() + " has no body");
            return;
        }
        assertNotNull(documented.getContent().get("application/json"), route + " " + reply.status() + " is JSON");
        List<String> problems = new ArrayList<>();
        check(documented.getContent().get("application/json").getSchema(), reply.body(), "$", problems);
        assertEquals(List.of(), problems, route + " " + reply.status() + " " + reply.raw().body());
    }

    /** The parts of JSON Schema the document uses: types, required, properties, items, enums, nullable. */
    private static void check(Schema<?> schema, JsonNode value, String at, List<String> problems) {
        if (schema.getAllOf() != null) {
            if (value.isNull() && Boolean.TRUE.equals(schema.getNullable())) {
                return;
            }
            schema.getAllOf().forEach(part -> check(part, value, at, problems));
        }
        if (value.isNull()) {
            if (!Boolean.TRUE.equals(schema.getNullable()) && schema.getAllOf() == null) {
                problems.add(at + " is null, which the schema does not allow");
            }
            return;
        }
        String type = schema.getType() != null ? schema.getType() : schema.getProperties() != null ? "object" : null;
        if (type == null) {
            return;
        }
        boolean right = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!right) {
            problems.add(at + " is " + value.getNodeType().name().toLowerCase(Locale.ROOT) + ", documented " + type);
            return;
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()
                && schema.getEnum().stream().noneMatch(e -> String.valueOf(e).equals(value.asText()))) {
            problems.add(at + " is " + value + ", not one of " + schema.getEnum());
        }
        if (type.equals("array") && schema.getItems() != null) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.getItems(), value.get(i), at + "[" + i + "]", problems);
            }
        }
        if (type.equals("object")) {
            if (schema.getRequired() != null) {
                schema.getRequired().stream().filter(f -> !value.has(f)).forEach(f -> problems.add(at + "." + f + " is required but missing"));
            }
            Map<String, Schema> properties = schema.getProperties();
            Object additional = schema.getAdditionalProperties();
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (properties != null && properties.containsKey(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), at + "." + field.getKey(), problems);
                } else if (additional instanceof Schema<?> each) {
                    check(each, field.getValue(), at + "." + field.getKey(), problems);
                } else if (properties != null && !Boolean.TRUE.equals(additional)) {
                    problems.add(at + "." + field.getKey() + " is not documented");
                }
            }
        }
    }
}
