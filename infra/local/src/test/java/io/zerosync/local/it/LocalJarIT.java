package io.zerosync.local.it;

import io.zerosync.local.emulators.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command: the built jar starts, prints its endpoints and token and nothing but its banner
 * (no emulator or logging-framework noise), serves /health, POST /shops and the API description's page, the
 * SDK lists tables and queues on the printed endpoints, and Ctrl-C (SIGTERM) stops it.
 */
class LocalJarIT {
    private static final Pattern ENDPOINT = Pattern.compile("^\\s+(HTTP API|DynamoDB|SQS|SNS)\\s+(http://\\S+)");

    @Test
    void theBuiltJarRunsTheWholeSystem() throws Exception {
        Path repo = TestClouds.template().getParent();
        Path jar = repo.resolve("infra/local/target/zerosync-local.jar");
        assertTrue(Files.exists(jar), "package the jar first: " + jar);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--dynamodb-port", "0", "--sqs-port", "0", "--sns-port", "0")
                .directory(repo.toFile()).redirectErrorStream(true).start();
        try {
            Map<String, String> endpoints = new HashMap<>();
            String token = null;
            String devToken = null;
            String apiDocs = null;
            String console = null;
            boolean checks = false;
            boolean bannerSeen = false;
            List<String> beforeBanner = new java.util.ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = out.readLine()) != null && !line.startsWith("Press Ctrl-C"); ) {
                bannerSeen |= line.startsWith("Zerosync local cloud is up");
                if (!bannerSeen && !line.isBlank()) {
                    beforeBanner.add(line);
                }
                Matcher m = ENDPOINT.matcher(line);
                if (m.find()) {
                    endpoints.put(m.group(1), m.group(2));
                }
                if (line.strip().startsWith("admin token")) {
                    token = line.strip().split("\\s+")[2];
                }
                if (line.strip().startsWith("API docs")) {
                    apiDocs = line.strip().split("\\s+")[2];
                }
                if (line.strip().startsWith("console")) {
                    console = line.strip().split("\\s+")[1];
                }
                if (line.strip().startsWith("dev token")) {
                    devToken = line.strip().split("\\s+")[2];
                }
                checks |= line.strip().startsWith("token check") && line.contains("5 write routes");
            }
            assertEquals(List.of(), beforeBanner, "a quiet start: the banner and nothing else, on stdout or stderr");
            assertEquals(4, endpoints.size(), "printed endpoints: " + endpoints);
            assertTrue(token != null && token.startsWith("zs_"), "a generated token is printed");
            assertTrue(devToken != null && devToken.split("\\.").length == 3, "a ready dev token is printed");
            assertTrue(checks, "the banner says which routes need a token");

            HttpClient http = HttpClient.newHttpClient();
            URI api = URI.create(endpoints.get("HTTP API"));
            assertEquals(200, http.send(HttpRequest.newBuilder(api.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            // The banner's console link is ready to open: the page, signed in by the token it carries.
            assertEquals(api + "/console/?token=" + token, console);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(console)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Zerosync ops console"), page.body());
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(api.resolve("/shops"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(Api.shop("Jar", "korean"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(api.resolve("/shops"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + devToken)
                    .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(Api.shop("Jar", "korean"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            // The API description's page and the Swagger UI it loads are packed into the jar.
            assertEquals(api.resolve("/openapi/").toString(), apiDocs, "the banner says where the API description is");
            for (String docs : List.of("/openapi/", "/openapi/openapi.yaml", "/webjars/swagger-ui/" + OpenApiPageIT.swaggerUiVersion() + "/swagger-ui-bundle.js")) {
                assertEquals(200, http.send(HttpRequest.newBuilder(api.resolve(docs)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode(), docs);
            }

            try (DynamoDbClient dynamo = LocalAws.syncClient(DynamoDbClient.builder(), URI.create(endpoints.get("DynamoDB")));
                 SqsClient sqs = LocalAws.syncClient(SqsClient.builder(), URI.create(endpoints.get("SQS")))) {
                assertTrue(dynamo.listTables().tableNames().containsAll(List.of("ShopsTable", "zerosync-local-view-shop-detail",
                        "zerosync-local-view-shop-list", "IdempotencyTable", "ReimportJobsTable")));
                assertTrue(sqs.listQueues().queueUrls().stream().anyMatch(u -> u.endsWith("/zerosync-local-view-shop-detail")));
            }
        } finally {
            process.destroy(); // SIGTERM, as Ctrl-C
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stops cleanly on SIGTERM");
        }
    }
}
