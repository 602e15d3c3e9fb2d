package io.zerosync.bench.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.local.LocalCloud;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/** Starts an admin job over the local cloud's HTTP API (as an operator would) and polls it to its end. */
public final class AdminJobs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final LocalCloud cloud;
    private final Duration poll;

    public AdminJobs(LocalCloud cloud, Duration poll) {
        this.cloud = cloud;
        this.poll = poll;
    }

    /** POSTs {@code body} to {@code start}, then polls {@code pollPrefix + jobId} until the job has ended. */
    public JsonNode run(String start, String pollPrefix, String body, Consumer<JsonNode> progress) throws Exception {
        JsonNode job = call("POST", start, body);
        String path = pollPrefix + job.path("jobId").asText();
        while (true) {
            Thread.sleep(poll.toMillis());
            job = call("GET", path, null);
            progress.accept(job);
            String state = job.path("state").asText();
            if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
                return job;
            }
        }
    }

    public JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(cloud.httpEndpoint().resolve(URI.create(path)))
                .header("Authorization", "Bearer " + cloud.adminToken()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
