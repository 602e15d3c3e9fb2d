package io.zerosync.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP against the local cloud's API, as a client or an operator would call it. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String body, String etag) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;
    private final String writerToken;

    /** token: the admin bearer token; writerToken: a user-pool token the write routes need. */
    Http(URI base, String token, String writerToken) {
        this.base = base;
        this.token = token;
        this.writerToken = writerToken;
    }

    Answer send(String method, String path, String contentType, String body, boolean admin) throws IOException {
        return send(method, path, contentType, body, admin, null);
    }

    /** With an {@code Idempotency-Key} (when not null), as a client that may retry would send a create. */
    Answer send(String method, String path, String contentType, String body, boolean admin, String idempotencyKey)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (admin) {
            request.header("Authorization", "Bearer " + token);
        } else if (writerToken != null && !"GET".equals(method)) {
            request.header("Authorization", "Bearer " + writerToken);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("ETag").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    JsonNode admin(String method, String path, String body) throws IOException {
        Answer answer = send(method, path, body == null ? null : "application/json", body, true);
        if (!answer.ok()) {
            throw new IOException(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }
}
