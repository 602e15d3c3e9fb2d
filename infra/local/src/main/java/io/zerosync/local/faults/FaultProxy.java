package io.zerosync.local.faults;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A real HTTP hop between the sync functions (and the re-import worker) and the source API that counts
 * calls per path and can be told to answer 503 or slowly: the next n requests ({@link #failNext}), every
 * request ({@link #delay}), or a rate of them as the {@link Faults} switchboard says ({@code source-error},
 * {@code source-slow}). The fault is injected into the real HTTP path, not mocked away.
 */
public final class FaultProxy implements AutoCloseable {
    private final URI target;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Faults faults;
    private volatile HttpHop hop;
    private volatile long delayMillis;

    private FaultProxy(int targetPort, Faults faults) {
        this.target = URI.create("http://localhost:" + targetPort);
        this.faults = faults;
    }

    /** Forwards to localhost:{@code targetPort}; only {@link #failNext} and {@link #delay} inject faults. */
    public static FaultProxy start(int targetPort) {
        return start(targetPort, Faults.off());
    }

    /** Forwards to localhost:{@code targetPort}, injecting the source faults {@code faults} asks for. */
    public static FaultProxy start(int targetPort, Faults faults) {
        FaultProxy proxy = new FaultProxy(targetPort, faults);
        proxy.hop = HttpHop.start("source-fault-proxy", 16, proxy::forward);
        return proxy;
    }

    public String url() {
        return "http://localhost:" + hop.port();
    }

    /** How many requests reached this path (e.g. /internal/shops/batch-get). */
    public long calls(String path) {
        LongAdder n = calls.get(path);
        return n == null ? 0 : n.sum();
    }

    /** The next {@code n} requests answer 503 without reaching the source. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    /** Every request waits this long before it is forwarded (a slow source). */
    public void delay(java.time.Duration delay) {
        delayMillis = delay.toMillis();
    }

    public int failuresLeft() {
        return Math.max(0, failuresLeft.get());
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            calls.computeIfAbsent(path, p -> new LongAdder()).increment();
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                if (faults.roll(FaultKind.SOURCE_SLOW)) {
                    Thread.sleep(faults.rates().sourceSlow().toMillis());
                }
                if (failuresLeft.getAndDecrement() > 0 || faults.roll(FaultKind.SOURCE_ERROR)) {
                    HttpHop.respond(exchange, 503, Map.of(),
                            "{\"error\":\"service_unavailable\",\"message\":\"injected\"}".getBytes());
                    return;
                }
                HttpResponse<byte[]> response = hop.forward(exchange, target, body);
                HttpHop.respond(exchange, response.statusCode(), response.headers().map(), response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                HttpHop.respond(exchange, 502, Map.of(), new byte[0]);
            }
        }
    }

    @Override
    public void close() {
        hop.close();
    }
}
