package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Real HTTP to the local cloud's API, JSON in and out. */
public final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String token;
    private final String writerToken;

    /** token: the admin bearer token (/internal, /admin); no writer's token: writes get 401. */
    public Api(URI base, String token) {
        this(base, token, null);
    }

    /** writerToken: sent as Authorization: Bearer on every non-GET /shops request that sets no Authorization itself. */
    public Api(URI base, String token, String writerToken) {
        this.base = base;
        this.token = token;
        this.writerToken = writerToken;
    }

    /** The admin token and the cloud's dev token: what a signed-in writer and an operator send. */
    public Api(io.zerosync.local.LocalCloud cloud) {
        this(cloud.httpEndpoint(), TestClouds.TOKEN, cloud.devToken());
    }

    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String text(String field) {
            return body.path(field).asText();
        }
    }

    public Reply call(String method, String path, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            boolean ownAuthorization = false;
            for (int i = 0; i + 1 < headers.length; i += 2) {
                ownAuthorization |= headers[i].equalsIgnoreCase("Authorization");
            }
            if (!ownAuthorization && token != null && (path.startsWith("/internal") || path.startsWith("/admin"))) {
                request.header("Authorization", "Bearer " + token);
            }
            if (!ownAuthorization && writerToken != null && path.startsWith("/shops") && !method.equals("GET")) {
                request.header("Authorization", "Bearer " + writerToken);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String... headers) {
        return call("GET", path, null, headers);
    }

    public Reply post(String path, Object body, String... headers) {
        return call("POST", path, body, headers);
    }

    /** Creates a shop; returns its ID. */
    public String createShop(String name, String category) {
        Reply r = post("/shops", shop(name, category));
        if (r.status() != 201) {
            throw new AssertionError("create failed: " + r.status() + " " + r.body());
        }
        return r.text("shopId");
    }

    public static Map<String, Object> shop(String name, String category) {
        return Map.of("name", name, "category", category, "address", "1 Test Street", "minOrderAmount", 10000,
                "deliveryFee", 2000, "open", true,
                "menus", java.util.List.of(Map.of("menuId", "m1", "name", "Menu one", "price", 5000),
                        Map.of("menuId", "m2", "name", "Menu two", "price", 7000)));
    }
}
