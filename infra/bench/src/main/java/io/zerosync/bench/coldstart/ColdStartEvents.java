package io.zerosync.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zerosync.local.LocalCloud;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The events the cold-started functions answer, built from the samples in events/samples and pointed at
 * real data on the local cloud: an SQS record announcing a shop that exists (created through the local
 * HTTP API with the dev token, as a writer would), a POST /shops with a fresh Idempotency-Key, reads of a
 * shop that is in the views. Each run gets its own event, so every run does the same work (a sync writes
 * its row, a create creates).
 */
final class ColdStartEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud;
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private int written;

    ColdStartEvents(LocalCloud cloud, Path dir) throws IOException {
        this.cloud = cloud;
        this.dir = Files.createDirectories(dir);
    }

    /** A real shop, created through the command API; answers its ID (version 1). */
    String createShop() throws IOException, InterruptedException {
        JsonNode sample = sample("apigw-create-shop.json");
        HttpRequest request = HttpRequest.newBuilder(cloud.httpEndpoint().resolve("/shops"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + cloud.devToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(sample.get("body").asText())).build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("POST /shops answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body()).get("shopId").asText();
    }

    /**
     * Warms the local cloud's side of the calls the children make (its HTTP server, the source API's batch-get
     * and the command route): the children are cold, the cloud they talk to should not be.
     */
    void warmUp(String adminToken, int rounds) throws IOException, InterruptedException {
        for (int i = 0; i < rounds; i++) {
            String id = createShop();
            HttpRequest batchGet = HttpRequest.newBuilder(cloud.httpEndpoint().resolve("/internal/shops/batch-get"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + adminToken)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"" + id + "\"]}")).build();
            HttpResponse<String> answer = http.send(batchGet, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("batch-get answered " + answer.statusCode() + ": " + answer.body());
            }
        }
    }

    /** One SQS record in its SNS envelope (the sample's first), announcing version 1 of {@code shopId}. */
    Path shopChanged(String shopId) throws IOException {
        ObjectNode event = (ObjectNode) sample("sqs-shop-changed-sns.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        ObjectNode envelope = (ObjectNode) JSON.readTree(record.get("body").asText());
        ObjectNode changed = (ObjectNode) JSON.readTree(envelope.get("Message").asText());
        changed.put("shopId", shopId).put("version", 1).put("eventId", UUID.randomUUID().toString());
        envelope.put("Message", changed.toString());
        record.put("body", envelope.toString()).put("messageId", UUID.randomUUID().toString());
        ArrayNode records = event.putArray("Records");
        records.add(record);
        return write(event);
    }

    /** The POST /shops sample with an Idempotency-Key of its own. */
    Path createShopRequest() throws IOException {
        ObjectNode event = (ObjectNode) sample("apigw-create-shop.json");
        String key = UUID.randomUUID().toString();
        ((ObjectNode) event.get("headers")).put("Idempotency-Key", key);
        ((ObjectNode) event.get("multiValueHeaders")).putArray("Idempotency-Key").add(key);
        return write(event);
    }

    /** A GET of {@code path} in the API Gateway proxy shape (the delete sample's, as a GET), with an optional bearer token. */
    Path get(String resource, String path, String bearer) throws IOException {
        ObjectNode event = (ObjectNode) sample("apigw-delete-shop.json");
        event.put("resource", resource).put("path", path).put("httpMethod", "GET");
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("resourcePath", resource).put("httpMethod", "GET").put("path", "/dev" + path);
        String id = path.substring(path.lastIndexOf('/') + 1);
        if (resource.endsWith("{id}")) {
            event.putObject("pathParameters").put("id", id);
        } else {
            event.putNull("pathParameters");
        }
        if (bearer != null) {
            ((ObjectNode) event.get("headers")).put("Authorization", "Bearer " + bearer);
            ((ObjectNode) event.get("multiValueHeaders")).putArray("Authorization").add("Bearer " + bearer);
        }
        return write(event);
    }

    /** The scheduled-event sample (EventBridge's rate(1 minute)). */
    Path scheduled() throws IOException {
        return write(sample("scheduled-outbox-sweep.json"));
    }

    private Path write(JsonNode event) throws IOException {
        Path file = dir.resolve("event-" + (++written) + ".json");
        Files.writeString(file, event.toString());
        return file;
    }

    private static JsonNode sample(String name) throws IOException {
        try (InputStream in = ColdStartEvents.class.getClassLoader().getResourceAsStream("zerosync-events/samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sample " + name + " is not on the class path");
            }
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
