package io.zerosync.local.faults;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The source API proxy on a real HTTP hop: rate-based 503s, and the countdown faults the ITs use. */
class FaultProxyTest {
    private static HttpServer source;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startSource() throws Exception {
        source = HttpServer.create(new InetSocketAddress("localhost", 0), 16);
        source.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        source.start();
    }

    @AfterAll
    static void stopSource() {
        source.stop(0);
    }

    @Test
    void answers503AtTheRate_andForwardsTheRest() throws Exception {
        Faults faults = new Faults(true, 3);
        faults.set(FaultRates.parse("source-error=0.3"));
        try (FaultProxy proxy = FaultProxy.start(source.getAddress().getPort(), faults)) {
            int unavailable = 0;
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> response = get(proxy, "/internal/shops/batch-get");
                if (response.statusCode() == 503) {
                    unavailable++;
                } else {
                    assertEquals(200, response.statusCode());
                    assertEquals("{\"ok\":true}", response.body());
                }
            }
            assertEquals(faults.injected().get("source-error"), unavailable);
            assertTrue(unavailable > 30 && unavailable < 90, "about 30% of 200, was " + unavailable);
            assertEquals(200, proxy.calls("/internal/shops/batch-get"));
        }
    }

    @Test
    void forwardsEverything_whenTheRateIsZero_andStillHonoursFailNext() throws Exception {
        Faults faults = new Faults(true, 3);
        try (FaultProxy proxy = FaultProxy.start(source.getAddress().getPort(), faults)) {
            proxy.failNext(2);
            assertEquals(503, get(proxy, "/a").statusCode());
            assertEquals(503, get(proxy, "/a").statusCode());
            assertEquals(0, proxy.failuresLeft());
            for (int i = 0; i < 20; i++) {
                assertEquals(200, get(proxy, "/a").statusCode());
            }
            assertEquals(0, faults.injected().get("source-error"));
        }
    }

    @Test
    void countsSlowAnswers_atTheSlowRate() throws Exception {
        Faults faults = new Faults(true, 5);
        faults.set(FaultRates.parse("source-slow=1,source-slow-ms=1"));
        try (FaultProxy proxy = FaultProxy.start(source.getAddress().getPort(), faults)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, get(proxy, "/slow").statusCode());
            }
            assertEquals(5, faults.injected().get("source-slow"));
        }
    }

    private HttpResponse<String> get(FaultProxy proxy, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
