package io.zerosync.bench.lag;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends {@code POST /shops} open-loop: the i-th create is due at {@code start + i / rate}, whatever the
 * earlier ones are doing, and goes out on one of a bounded number of client threads. When every thread is
 * busy at a send's due time, that send is skipped and counted (a client that cannot keep its own schedule
 * must not quietly turn into a closed loop that waits for the server), so the acknowledged rate shows what
 * the server took.
 */
final class OpenLoopDriver {
    private static final Pattern SHOP_ID = Pattern.compile("\"shopId\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] CATEGORIES = {"korean", "pizza", "burger", "sushi", "vegan", "noodles"};

    /** One acknowledged create: the shop and when its 201 reached the client (epoch millis, this JVM's clock). */
    record Ack(String shopId, long ackedAtMillis) {
    }

    /** What one run at one rate did. */
    record Run(double askedRate, double seconds, long scheduled, long skipped, long errors, List<Ack> acks,
               double acknowledgedRate) {
    }

    private final HttpClient client;
    private final URI shops;
    private final String writerToken;
    private final int maxInFlight;
    private final ExecutorService senders;
    private final SplittableRandom random = new SplittableRandom(42);

    OpenLoopDriver(URI api, String writerToken, int maxInFlight) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.shops = api.resolve("/shops");
        this.writerToken = writerToken;
        this.maxInFlight = maxInFlight;
        this.senders = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread t = new Thread(r, "lag-client");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends at {@code rate} per second for {@code duration}, then waits for the answers still out. */
    Run run(double rate, Duration duration) throws InterruptedException {
        long count = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        long intervalNanos = Math.round(1e9 / rate);
        Semaphore slots = new Semaphore(maxInFlight);
        List<Ack> acks = new ArrayList<>();
        LongAdder skipped = new LongAdder();
        LongAdder errors = new LongAdder();
        long start = System.nanoTime();
        AtomicLong lastAnswer = new AtomicLong(start);
        for (long i = 0; i < count; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!slots.tryAcquire()) {
                skipped.increment();
                continue;
            }
            String body = newShop();
            senders.execute(() -> {
                try {
                    String id = create(body);
                    long at = System.currentTimeMillis();
                    lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                    synchronized (acks) {
                        acks.add(new Ack(id, at));
                    }
                } catch (IOException | RuntimeException e) {
                    errors.increment();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    slots.release();
                }
            });
        }
        if (!slots.tryAcquire(maxInFlight, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("creates still unanswered 120 s after the last send");
        }
        slots.release(maxInFlight);
        // The asked schedule spans count intervals; the acknowledged rate is over the time until the last answer.
        double seconds = Math.max(count * intervalNanos, lastAnswer.get() - start) / 1e9;
        synchronized (acks) {
            return new Run(rate, seconds, count, skipped.sum(), errors.sum(), List.copyOf(acks), acks.size() / seconds);
        }
    }

    private String create(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(shops).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + writerToken)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("POST /shops answered " + response.statusCode() + ": " + response.body());
        }
        Matcher id = SHOP_ID.matcher(response.body());
        if (!id.find()) {
            throw new IOException("no shopId in " + response.body());
        }
        return id.group(1);
    }

    /** A plausible shop; the scheduling thread draws it, so the random needs no lock. */
    private String newShop() {
        return "{\"name\":\"Lag " + random.nextInt(1_000_000) + "\",\"category\":\""
                + CATEGORIES[random.nextInt(CATEGORIES.length)] + "\",\"address\":\"" + random.nextInt(500)
                + " Harbour St\",\"minOrderAmount\":" + random.nextInt(30) * 1000 + ",\"deliveryFee\":"
                + random.nextInt(5) * 1000 + ",\"open\":" + random.nextBoolean()
                + ",\"menus\":[{\"menuId\":\"m1\",\"name\":\"Bibimbap\",\"price\":9000}]}";
    }

    void close() {
        senders.shutdownNow();
    }
}
