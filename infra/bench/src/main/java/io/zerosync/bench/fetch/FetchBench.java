package io.zerosync.bench.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.bench.BenchOptions;
import io.zerosync.bench.BenchPart;
import io.zerosync.bench.report.Figure;
import io.zerosync.bench.report.Section;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.emulators.FreePort;
import io.zerosync.local.faults.FaultProxy;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetch amplification: source batch-get calls per event delivered (one event per change per view), counted on
 * the real HTTP hop by a {@link FaultProxy} in front of the source API (it injects nothing here). Three
 * loads: a hot-key burst with both views' pollers paused (as when the sync functions are throttled), the same
 * burst with the pollers running, and uniform traffic (one change to each of many shops). The naive design
 * fetches once per event: 1.0. Options: {@code --fetch.changes=500}, {@code --fetch.hotShops=5},
 * {@code --fetch.uniformShops=200}, {@code --fetch.clients=8}.
 */
public final class FetchBench implements BenchPart {
    private static final String BATCH_GET = "/internal/shops/batch-get";
    private static final List<String> SYNC_FUNCTIONS = List.of("ShopDetailView.SyncFunction", "ShopListView.SyncFunction");
    private static final List<String> VIEW_TABLES = List.of("zerosync-local-view-shop-detail", "zerosync-local-view-shop-list");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public Section run(BenchOptions options) throws Exception {
        int changes = options.intOption("fetch.changes", 500, 200);
        int hotShops = options.intOption("fetch.hotShops", 5, 5);
        int uniformShops = options.intOption("fetch.uniformShops", 200, 50);
        int clients = options.intOption("fetch.clients", 8, 8);
        Section section = new Section(name(), "Fetch amplification: source batch-get calls per event delivered");
        int port = FreePort.pick();
        try (FaultProxy proxy = FaultProxy.start(port);
             LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(options.template(), "bench-fetch")
                     .withHttpPort(port).withSourceApiUrl(proxy.url()))) {
            double paused = hotBurst(cloud, proxy, changes, hotShops, true);
            double running = hotBurst(cloud, proxy, changes, hotShops, false);
            double concurrent = concurrentBurst(cloud, proxy, changes, hotShops, clients);
            double uniform = uniform(cloud, proxy, uniformShops);
            section.figure(Figure.of(String.format(Locale.ROOT, "hot keys (%d on %d shops), pollers paused",
                    changes, hotShops), paused, "fetches/event").against("naive (1 per event)", 1.0).atMost(0.1));
            section.figure(Figure.of(String.format(Locale.ROOT, "hot keys (%d on %d shops), running, 1 client",
                    changes, hotShops), running, "fetches/event").against("naive (1 per event)", 1.0).atMost(0.1));
            section.figure(Figure.of(String.format(Locale.ROOT, "hot keys (%d on %d shops), running, %d clients",
                    changes, hotShops, clients), concurrent, "fetches/event").against("naive (1 per event)", 1.0));
            section.figure(Figure.of(String.format(Locale.ROOT, "uniform, one change to each of %d shops", uniformShops),
                    uniform, "fetches/event").against("naive (1 per event)", 1.0));
        }
        section.note("Paused: the sync functions were throttled or behind, so announcements piled up (batches of 10, dedupe and"
                + " skip-if-current fold them). Running, one client: each change waits for the previous one and the sync keeps"
                + " up, so every announcement is news and is fetched once; that is the freshness the design buys by having no"
                + " batching window. Running, several clients: changes outpace single fetches and fold partly.");
        section.note("Events delivered = changes x 2 views (acknowledged changes only). Fetches = POST " + BATCH_GET + " calls seen on the wire.");
        return section;
    }

    private double hotBurst(LocalCloud cloud, FaultProxy proxy, int changes, int shops, boolean pause) throws Exception {
        List<String> ids = createSynced(cloud, "Hot ", shops);
        long before = proxy.calls(BATCH_GET);
        if (pause) {
            SYNC_FUNCTIONS.forEach(cloud.pollers()::pause);
        }
        try {
            for (int i = 0; i < changes; i++) {
                patch(cloud, ids.get(i % shops), i);
            }
        } finally {
            if (pause) {
                SYNC_FUNCTIONS.forEach(cloud.pollers()::resume);
            }
        }
        awaitVersions(cloud, ids, 1 + changes / shops);
        double fetches = proxy.calls(BATCH_GET) - before;
        double perEvent = fetches / (changes * 2.0);
        System.out.printf(Locale.ROOT, "  hot keys (%s): %.0f fetches for %d events = %.3f%n",
                pause ? "paused" : "running", fetches, changes * 2, perEvent);
        return perEvent;
    }

    /** A burst from several clients at once while the pollers run: only acknowledged changes count as events. */
    private double concurrentBurst(LocalCloud cloud, FaultProxy proxy, int changes, int shops, int clients) throws Exception {
        List<String> ids = createSynced(cloud, "Hot burst ", shops);
        long before = proxy.calls(BATCH_GET);
        Map<String, Long> latest = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < changes; i++) {
                String id = ids.get(i % shops);
                int fee = i;
                sends.add(pool.submit(() -> {
                    try {
                        long version = JSON.readTree(send(cloud, "PATCH", "/shops/" + id,
                                "{\"deliveryFee\":" + (fee + 1) + "}")).path("version").asLong();
                        latest.merge(id, version, Math::max);
                        acknowledged.incrementAndGet();
                    } catch (Exception e) {
                        // A change the write side refused announces nothing; counted and printed, not hidden.
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } finally {
            pool.shutdown();
        }
        for (String id : ids) {
            awaitVersions(cloud, List.of(id), latest.getOrDefault(id, 1L));
        }
        double fetches = proxy.calls(BATCH_GET) - before;
        double perEvent = fetches / (acknowledged.get() * 2.0);
        System.out.printf(Locale.ROOT, "  hot keys (%d clients, running): %.0f fetches for %d events = %.3f (%d changes refused)%n",
                clients, fetches, acknowledged.get() * 2, perEvent, refused.get());
        return perEvent;
    }

    private double uniform(LocalCloud cloud, FaultProxy proxy, int shops) throws Exception {
        List<String> ids = createSynced(cloud, "Uniform ", shops);
        long before = proxy.calls(BATCH_GET);
        for (int i = 0; i < shops; i++) {
            patch(cloud, ids.get(i), i);
        }
        awaitVersions(cloud, ids, 2);
        double fetches = proxy.calls(BATCH_GET) - before;
        double perEvent = fetches / (shops * 2.0);
        System.out.printf(Locale.ROOT, "  uniform: %.0f fetches for %d events = %.3f%n", fetches, shops * 2, perEvent);
        return perEvent;
    }

    /** Creates {@code shops} shops and waits until both views hold them, so the burst that follows is all they see. */
    private List<String> createSynced(LocalCloud cloud, String namePrefix, int shops) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < shops; i++) {
            ids.add(create(cloud, namePrefix + i));
        }
        awaitVersions(cloud, ids, 1);
        return ids;
    }

    private String create(LocalCloud cloud, String name) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"category\":\"bench\",\"address\":\"1 Bench Road\","
                + "\"minOrderAmount\":1000,\"deliveryFee\":100,\"menus\":[{\"name\":\"Dish\",\"price\":500}]}";
        return JSON.readTree(send(cloud, "POST", "/shops", body)).path("shopId").asText();
    }

    private void patch(LocalCloud cloud, String id, int fee) throws Exception {
        send(cloud, "PATCH", "/shops/" + id, "{\"deliveryFee\":" + (fee + 1) + "}");
    }

    private String send(LocalCloud cloud, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(cloud.httpEndpoint().resolve(URI.create(path)))
                .header("Authorization", "Bearer " + cloud.devToken()).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Waits (up to two minutes) until every shop's row is at least at {@code version} in both views. */
    private static void awaitVersions(LocalCloud cloud, List<String> ids, long version) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            boolean all = true;
            for (String table : VIEW_TABLES) {
                for (String id : ids) {
                    Map<String, AttributeValue> item = cloud.dynamo().getItem(r -> r.tableName(table).consistentRead(true)
                            .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
                    if (item == null || !item.containsKey("version") || Long.parseLong(item.get("version").n()) < version) {
                        all = false;
                        break;
                    }
                }
                if (!all) {
                    break;
                }
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("views did not reach version " + version + " within two minutes");
            }
            Thread.sleep(200);
        }
    }
}
