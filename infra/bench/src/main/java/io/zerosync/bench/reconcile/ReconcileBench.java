package io.zerosync.bench.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.aws.dynamodb.IndexShards;
import io.zerosync.aws.dynamodb.ShopItems;
import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figure behind "a full reconcile of N shops completes as a job in bounded memory": starts the local
 * cloud in this JVM, seeds N shops straight into ShopsTable with BatchWriteItem (already announced: no
 * events), fills shop-list with a full rebuild job, then runs a full reconcile job and prints wall time,
 * rows/s and the JVM's heap use sampled during each phase. Run it with a small heap to show the bound:
 * {@code java -Xmx256m -cp infra/bench/target/zerosync-bench.jar io.zerosync.bench.reconcile.ReconcileBench 100000}.
 * Not a test: it takes minutes and asserts nothing but that the jobs succeed.
 */
public final class ReconcileBench {
    private static final String VIEW = "shop-list";
    private static final String TOKEN = "bench";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ReconcileBench() {
    }

    public static void main(String[] args) throws Exception {
        int shops = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf("max heap %d MB%n", memory.getHeapMemoryUsage().getMax() >> 20);
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(
                LocalCloudOptions.findTemplate(Path.of("").toAbsolutePath()), TOKEN))) {
            long t0 = System.nanoTime();
            seed(cloud, shops);
            report("seed (BatchWriteItem)", shops, t0, -1);

            HeapSampler rebuild = HeapSampler.start(memory);
            t0 = System.nanoTime();
            JsonNode filled = runJob(cloud, "/admin/reimports", "/admin/reimports/",
                    "{\"view\":\"" + VIEW + "\",\"scope\":{\"type\":\"full\"},\"mode\":\"rebuild\"}");
            report("full rebuild job: " + filled.path("state").asText(), shops, t0, rebuild.stop());

            System.gc();
            HeapSampler reconcile = HeapSampler.start(memory);
            t0 = System.nanoTime();
            JsonNode job = runJob(cloud, "/admin/reconciles", "/admin/reconciles/", "{\"view\":\"" + VIEW + "\"}");
            report("full reconcile job: " + job.path("state").asText() + " drift " + job.path("drift")
                    + " tasks " + job.path("tasks").asInt(), shops, t0, reconcile.stop());
        }
        System.exit(0);
    }

    private static void report(String what, int shops, long startNanos, long maxHeap) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-60s %8.1f s %9.0f rows/s%s%n", what, seconds, shops / seconds,
                maxHeap < 0 ? "" : String.format("  max heap used %d MB", maxHeap >> 20));
    }

    private static void seed(LocalCloud cloud, int shops) {
        Instant at = Instant.parse("2026-11-24T00:00:00Z");
        List<WriteRequest> batch = new ArrayList<>();
        // Items keyed exactly as the command function writes them: the template's shard count.
        IndexShards shards = new IndexShards(Integer.parseInt(
                cloud.environmentOf("CommandApiFunction").variables().get("ZEROSYNC_INDEX_SHARDS")));
        for (int i = 0; i < shops; i++) {
            Shop shop = new Shop(String.format("bench%08d", i), 1, at.plusMillis(i),
                    new ShopDetails("Bench shop " + i, "bench", "1 Bench Road", null, 1000, 100, true,
                            List.of(new Menu("m1", "Dish", 500, false))));
            Map<String, AttributeValue> item = new java.util.HashMap<>(ShopItems.toItem(shop, Duration.ofDays(30), shards));
            item.remove(ShopItems.ANNOUNCE); // seeded as announced: the views are filled by the rebuild job
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == shops - 1) {
                write(cloud, batch);
                batch = new ArrayList<>();
            }
        }
    }

    private static void write(LocalCloud cloud, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> left = Map.of("ShopsTable", batch);
        while (!left.isEmpty()) {
            Map<String, List<WriteRequest>> ask = left;
            BatchWriteItemResponse r = cloud.dynamo().batchWriteItem(b -> b.requestItems(ask));
            left = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
        }
    }

    private static JsonNode runJob(LocalCloud cloud, String start, String poll, String body) throws Exception {
        JsonNode job = call(cloud, "POST", start, body);
        String path = poll + job.path("jobId").asText();
        while (true) {
            Thread.sleep(1000);
            job = call(cloud, "GET", path, null);
            String state = job.path("state").asText();
            System.out.printf("  %s %s processed %d/%s tasks %d/%d%n", job.path("jobId").asText(), state,
                    job.path("processed").asLong(), job.path("total").asText(), job.path("tasksDone").asInt(),
                    job.path("tasks").asInt());
            if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
                return job;
            }
        }
    }

    private static JsonNode call(LocalCloud cloud, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(cloud.httpEndpoint().resolve(URI.create(path)))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Samples used heap every 100 ms; {@link #stop} answers the largest sample. */
    private static final class HeapSampler {
        private final AtomicLong max = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        private HeapSampler(MemoryMXBean memory) {
            thread = new Thread(() -> {
                while (running) {
                    max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start(MemoryMXBean memory) {
            HeapSampler s = new HeapSampler(memory);
            s.thread.start();
            return s;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return max.get();
        }
    }
}
