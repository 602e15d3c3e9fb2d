package io.zerosync.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.zerosync.local.faults.HttpHop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * IAM on the wire, locally: a hop in front of DynamoDB Local or ElasticMQ that reads the SigV4 access key
 * of each request (the local cloud gives every function its logical ID as its key), and answers AWS's own
 * AccessDenied error, in the service's JSON error shape, when that function's role (see
 * {@code Stack.statementsOf}) does not allow the operation ({@code X-Amz-Target}) on the resource it names
 * (its table, index or queue). Requests signed with any other key - tests, the provisioner, the pollers, the
 * shared HTTP API - are forwarded unchecked.
 */
public final class IamHop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IamHop.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

    /** A refused call: who, which action, on what. */
    public record Denial(String principal, String action, String resource) {
    }

    private final URI target;
    /** By access key: the function's logical ID and its policy. */
    private final Map<String, Map.Entry<String, IamPolicy>> policies = new java.util.HashMap<>();
    private final List<Denial> denials = new CopyOnWriteArrayList<>();
    private volatile HttpHop hop;

    private IamHop(URI target, Map<String, IamPolicy> policies) {
        this.target = target;
        policies.forEach((fn, policy) -> this.policies.put(accessKeyOf(fn), Map.entry(fn, policy)));
    }

    /**
     * The access key a function signs with: its logical ID in letters and digits only, which is all DynamoDB
     * Local accepts in a key ({@code ShopDetailView.SyncFunction} signs as {@code ShopDetailViewSyncFunction}).
     */
    public static String accessKeyOf(String functionLogicalId) {
        return functionLogicalId.replaceAll("[^A-Za-z0-9]", "");
    }

    /**
     * Starts on a free localhost port in front of {@code target}, checking the callers in {@code policies}
     * (by function logical ID; each signs with {@link #accessKeyOf}).
     */
    public static IamHop start(String name, URI target, Map<String, IamPolicy> policies) {
        IamHop iam = new IamHop(target, policies);
        iam.hop = HttpHop.start(name, 32, iam::handle);
        return iam;
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + hop.port());
    }

    /** The calls refused so far. */
    public List<Denial> denials() {
        return List.copyOf(denials);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String key = accessKey(exchange.getRequestHeaders().getFirst("Authorization"));
            Map.Entry<String, IamPolicy> caller = key == null ? null : policies.get(key);
            String principal = caller == null ? null : caller.getKey();
            IamPolicy policy = caller == null ? null : caller.getValue();
            String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (policy != null && operation != null) {
                for (String[] call : calls(operation, body)) {
                    if (!policy.allows(call[0], call[1])) {
                        deny(exchange, principal, call[0], call[1], operation.startsWith("AmazonSQS."));
                        return;
                    }
                }
            }
            HttpResponse<byte[]> response = hop.forward(exchange, target, body);
            HttpHop.respond(exchange, response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String accessKey(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = CREDENTIAL.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    /** The IAM actions and resources one request needs: {action, resource ARN} pairs. */
    static List<String[]> calls(String target, byte[] body) throws IOException {
        JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        List<String[]> calls = new ArrayList<>();
        if (target.startsWith("DynamoDB_20120810.")) {
            String op = target.substring(target.indexOf('.') + 1);
            switch (op) {
                case "BatchGetItem", "BatchWriteItem" ->
                        request.path("RequestItems").fieldNames().forEachRemaining(t -> calls.add(new String[] {"dynamodb:" + op, table(t)}));
                case "TransactWriteItems", "TransactGetItems" -> request.path("TransactItems").forEach(item ->
                        item.fields().forEachRemaining(f -> calls.add(new String[] {"dynamodb:" + switch (f.getKey()) {
                            case "Put" -> "PutItem";
                            case "Update" -> "UpdateItem";
                            case "Delete" -> "DeleteItem";
                            case "ConditionCheck" -> "ConditionCheckItem";
                            default -> "GetItem";
                        }, table(f.getValue().path("TableName").asText())})));
                case "ListTables" -> calls.add(new String[] {"dynamodb:ListTables", "*"});
                default -> {
                    String table = table(request.path("TableName").asText());
                    calls.add(new String[] {"dynamodb:" + op, request.hasNonNull("IndexName")
                            ? table + "/index/" + request.get("IndexName").asText() : table});
                }
            }
        } else if (target.startsWith("AmazonSQS.")) {
            String op = target.substring(target.indexOf('.') + 1);
            // A batch needs the permission of its single form.
            String action = "sqs:" + (op.endsWith("Batch") ? op.substring(0, op.length() - "Batch".length()) : op);
            String queue = request.hasNonNull("QueueUrl") ? lastSegment(request.get("QueueUrl").asText())
                    : request.hasNonNull("QueueName") ? request.get("QueueName").asText() : "*";
            calls.add(new String[] {action, "arn:aws:sqs:local:local:" + queue});
        }
        return calls;
    }

    private static String table(String name) {
        return "arn:aws:dynamodb:local:local:table/" + name;
    }

    private static String lastSegment(String url) {
        String path = URI.create(url).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private void deny(HttpExchange exchange, String principal, String action, String resource, boolean sqs) throws IOException {
        denials.add(new Denial(principal, action, resource));
        String role = principal.replace('.', '-') + "Role";
        String message = "User: arn:aws:sts::000000000000:assumed-role/" + role + "/" + principal
                + " is not authorized to perform: " + action + " on resource: " + resource
                + " because no identity-based policy allows the " + action + " action";
        LOG.warn("access denied {} {} {} {}", kv("event", "access_denied"), kv("principal", principal),
                kv("action", action), kv("resource", resource));
        ObjectNode error = JSON.createObjectNode();
        error.put("__type", "com.amazon.coral.service#AccessDeniedException");
        error.put("message", message);
        byte[] bytes = error.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/x-amz-json-1.0"));
        headers.put("x-amzn-RequestId", List.of(java.util.UUID.randomUUID().toString()));
        if (sqs) {
            // SQS's JSON protocol also names the query-protocol code, which the SDK reports as the error code.
            headers.put("x-amzn-query-error", List.of("AccessDenied;Sender"));
        }
        HttpHop.respond(exchange, 400, headers, bytes);
    }

    @Override
    public void close() {
        if (hop != null) {
            hop.close();
        }
    }
}
