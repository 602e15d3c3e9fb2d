package io.zerosync.aws.sns;

import com.sun.net.httpserver.HttpServer;
import io.zerosync.aws.tracing.TraceHeader;
import io.zerosync.events.EntityChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publish SNS receives, over real HTTP: the zero-payload body, and the caller's trace header beside it. */
class SnsChangeAnnouncerTest {
    private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private record Received(String traceHeader, String form) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private SnsClient sns;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst(SnsChangeAnnouncer.TRACE_HEADER),
                    URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                            StandardCharsets.UTF_8)));
            byte[] body = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                    + "<MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId>"
                    + "</ResponseMetadata></PublishResponse>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        sns = SnsClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://localhost:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        sns.close();
        server.stop(0);
    }

    @Test
    void thePublishCarriesTheInvocationsTraceHeader_andTheBodyStaysTheZeroPayloadEvent() {
        new SnsChangeAnnouncer(sns, "arn:aws:sns:us-east-1:000000000000:t", () -> TraceHeader.parse(TRACE))
                .announce(new EntityChanged(EntityChanged.TYPE, "evt-1", "Shop", "shp_1", 3, Instant.parse("2026-12-06T00:00:00Z")));

        assertEquals(1, received.size());
        assertEquals(TRACE, received.get(0).traceHeader());
        assertTrue(received.get(0).form().contains(
                "{\"type\":\"EntityChanged\",\"eventId\":\"evt-1\",\"entityType\":\"Shop\",\"id\":\"shp_1\",\"version\":3,"
                        + "\"changedAt\":\"2026-12-06T00:00:00Z\"}"), received.get(0).form());
        // Subscriptions filter on the routing key, the same attribute value the shop-only event carried.
        assertTrue(received.get(0).form().contains("MessageAttributes.entry.1.Value.StringValue=ShopChanged"),
                received.get(0).form());
    }

    @Test
    void withTracingOffThePublishCarriesNoTraceHeader() {
        new SnsChangeAnnouncer(sns, "arn:aws:sns:us-east-1:000000000000:t", Optional::empty)
                .announce(EntityChanged.of("Shop", "shp_1", 1, Instant.now()));

        assertNull(received.get(0).traceHeader());
    }
}
