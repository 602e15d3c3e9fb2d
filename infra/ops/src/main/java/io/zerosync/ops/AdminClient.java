package io.zerosync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.aws.source.RequestAuth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The admin API over HTTP, for the CLI: bearer token locally, SigV4 against a deployed stack. */
final class AdminClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final RequestAuth auth;

    AdminClient(URI base, RequestAuth auth) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.auth = auth;
    }

    /** The API answered with a 4xx: the request was refused (exit code 3). */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** The API or the network failed (exit code 4). */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    JsonNode call(String method, String path, Object body) {
        URI uri = base.resolve(path.startsWith("/") ? path.substring(1) : path);
        try {
            byte[] bytes = body == null ? null : JSON.writeValueAsBytes(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json")
                    .method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (bytes != null) {
                request.header("Content-Type", "application/json");
            }
            auth.apply(request, method, uri, bytes);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : parse(response.body());
            int status = response.statusCode();
            if (status >= 500) {
                throw new Unavailable("HTTP " + status + ": " + message(json, response.body()));
            }
            if (status >= 400) {
                throw new Refused(status, "HTTP " + status + ": " + message(json, response.body()));
            }
            return json;
        } catch (IOException e) {
            throw cannotReach(uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    private static Unavailable cannotReach(URI uri, IOException e) {
        return new Unavailable("cannot reach " + uri + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }

    /** What the API answered, untouched: the console's forwarder passes it on as it is. */
    record Raw(int status, String contentType, byte[] body) {
    }

    /**
     * One request as the console's page made it ({@code pathAndQuery} is {@code /admin/...}, already
     * encoded), signed like every other call. Network failures are {@link Unavailable}; HTTP errors are
     * answers and come back as they are.
     */
    Raw forward(String method, String pathAndQuery, byte[] body) {
        URI uri = base.resolve(pathAndQuery.substring(1));
        byte[] bytes = body == null || body.length == 0 ? null : body;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json")
                    .method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
            java.util.Map<String, String> signed = auth.headers(method, uri, bytes);
            signed.forEach(request::header);
            // The admin API reads JSON only; SigV4 signs a JSON content type, so it is never sent twice.
            if (bytes != null && signed.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Raw(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
        } catch (IOException e) {
            throw cannotReach(uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static String message(JsonNode json, String raw) {
        return json.has("message") ? json.get("error").asText() + ": " + json.get("message").asText() : raw;
    }
}
