package io.zerosync.aws.source;

import com.sun.net.httpserver.HttpServer;
import io.zerosync.kernel.port.SourceUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import io.zerosync.kernel.port.SourceReader;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.source.ShopDecoder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The source API client over real HTTP against a scripted server: retries, backoff bounds, auth headers. */
class HttpSourceReaderTest {
    private static final String SHOP_S1 = "{\"shopId\":\"s1\",\"version\":2,\"updatedAt\":\"2026-11-22T23:00:00.000Z\","
            + "\"name\":\"A\",\"category\":\"korean\",\"address\":\"x\",\"minOrderAmount\":1,\"deliveryFee\":1,\"open\":true,"
            + "\"menus\":[]}";
    private static final String BATCH = "{\"shops\":[" + SHOP_S1 + "],\"missing\":[\"s2\",\"s3\"],\"tombstones\":{\"s2\":4}}";
    private HttpServer server;
    private final List<Map<String, List<String>>> seenHeaders = new CopyOnWriteArrayList<>();

    private URI serve(int failures, int failureStatus) throws IOException {
        return serve(failures, failureStatus, BATCH);
    }

    private URI serve(int failures, int failureStatus, String answer) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            seenHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.getRequestBody().readAllBytes();
            boolean fail = calls.incrementAndGet() <= failures;
            byte[] body = (fail ? "{\"error\":\"x\",\"message\":\"down\"}" : answer).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? failureStatus : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static HttpSourceReader<Shop> client(URI base, RequestAuth auth) {
        return new HttpSourceReader<>(HttpSourceReader.defaultClient(), base.resolve("/internal/shops"), new ShopDecoder(), auth,
                new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)), Duration.ofSeconds(2));
    }

    @Test
    void retries5xxAnd429_thenAnswersFoundMissingAndTombstones() throws IOException {
        URI base = serve(3, 503);

        SourceReader.Batch<Shop> batch = client(base, RequestAuth.bearer("t")).batchGet(List.of("s1", "s2", "s3"));

        assertEquals(4, seenHeaders.size(), "three failures, then success");
        assertEquals("A", batch.entities().get(0).details().name());
        assertEquals(List.of("s2", "s3"), batch.missing());
        assertEquals(Map.of("s2", 4L), batch.tombstones());
        assertEquals("Bearer t", seenHeaders.get(0).get("Authorization").get(0));
    }

    @Test
    void readsTheIdsTheSourceLeftUnprocessed_andAsksForThemAgain() throws IOException {
        List<String> answers = List.of(
                "{\"shops\":[" + SHOP_S1 + "],\"missing\":[],\"unprocessed\":[\"s2\",\"s3\"]}",
                "{\"shops\":[],\"missing\":[\"s2\",\"s3\"],\"tombstones\":{\"s2\":4},\"unprocessed\":[]}");
        AtomicInteger call = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answers.get(Math.min(call.getAndIncrement(), answers.size() - 1)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        HttpSourceReader<Shop> client = client(URI.create("http://localhost:" + server.getAddress().getPort()), RequestAuth.bearer("t"));

        SourceReader.Batch<Shop> first = client.batchGet(List.of("s1", "s2", "s3"));
        assertEquals(List.of("s2", "s3"), first.unprocessed());

        call.set(0);
        bodies.clear();
        SourceReader.Batch<Shop> all = client.batchGetAll(List.of("s1", "s2", "s3"));
        assertEquals(List.of("s1"), all.entities().stream().map(io.zerosync.shop.domain.Shop::shopId).toList());
        assertEquals(List.of("s2", "s3"), all.missing());
        assertEquals(List.of(), all.unprocessed());
        assertEquals(2, bodies.size());
        assertEquals("{\"ids\":[\"s2\",\"s3\"]}", bodies.get(1).replace(" ", ""), "the follow-up asks only for the rest");
    }

    @Test
    void givesUpAfterItsAttempts_asSourceUnavailable() throws IOException {
        URI base = serve(100, 429);

        assertThrows(SourceUnavailableException.class, () -> client(base, RequestAuth.bearer("t")).batchGet(List.of("s1")));
        assertEquals(4, seenHeaders.size(), "bounded by maxAttempts");
    }

    @Test
    void doesNotRetryARefusal() throws IOException {
        URI base = serve(100, 403);

        assertThrows(SourceUnavailableException.class, () -> client(base, RequestAuth.bearer("t")).batchGet(List.of("s1")));
        assertEquals(1, seenHeaders.size());
    }

    @Test
    void signsWithSigV4ForExecuteApi() throws IOException {
        URI base = serve(0, 200);
        RequestAuth sigv4 = new SigV4Auth(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                "eu-west-1");

        client(base, sigv4).batchGet(List.of("s1"));

        String authorization = seenHeaders.get(0).get("Authorization").get(0);
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), authorization);
        assertTrue(authorization.contains("/eu-west-1/execute-api/aws4_request"), authorization);
        assertTrue(seenHeaders.get(0).containsKey("X-amz-date"), seenHeaders.get(0).keySet().toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "   ", "null", "[]", "{}", "{\"shops\":[]}",
            "{\"missing\":[]}", "{\"shops\":{},\"missing\":[]}", "{\"shops\":[],\"missing\":[1]}",
            "{\"shops\":[{\"shopId\":\"s1\"}],\"missing\":[]}", "{\"shops\":[],\"missing\":[],\"tombstones\":[]}",
            "{\"shops\":[],\"mis", "{\"shops\":[],\"missing\":[],\"unprocessed\":\"s1\"}",
            "{\"shops\":[],\"missing\":[],\"unprocessed\":[1]}"})
    void answersAnEmptyOrMisshapenBatchAsSourceUnavailable_neverAsAnEmptyBatch(String answer) throws IOException {
        URI base = serve(0, 200, answer);

        assertThrows(SourceUnavailableException.class, () -> client(base, RequestAuth.bearer("t")).batchGet(List.of("s1")));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "{}", "{\"shops\":[]}", "{\"nextCursor\":null}",
            "{\"shops\":[],\"nextCursor\":5}"})
    void answersAnEmptyOrMisshapenExportPageAsSourceUnavailable(String answer) throws IOException {
        URI base = serve(0, 200, answer);

        assertThrows(SourceUnavailableException.class, () -> client(base, RequestAuth.bearer("t"))
                .export(new io.zerosync.kernel.port.ExportQuery(null, null, 0, 1, null, 10)));
    }

    @Test
    void readsAnEmptyButWellFormedExportPage() throws IOException {
        URI base = serve(0, 200, "{\"shops\":[],\"nextCursor\":null}");

        var page = client(base, RequestAuth.bearer("t")).export(new io.zerosync.kernel.port.ExportQuery(null, null, 0, 1, null, 10));

        assertTrue(page.entities().isEmpty());
        assertEquals(null, page.nextCursor());
    }
}
