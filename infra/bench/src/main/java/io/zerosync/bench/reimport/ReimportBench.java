package io.zerosync.bench.reimport;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.aws.dynamodb.CategoryShards;
import io.zerosync.aws.dynamodb.DynamoDbViewStore;
import io.zerosync.bench.BenchOptions;
import io.zerosync.bench.BenchPart;
import io.zerosync.bench.report.Chart;
import io.zerosync.bench.report.Figure;
import io.zerosync.bench.report.Section;
import io.zerosync.bench.support.AdminJobs;
import io.zerosync.bench.support.ShopSeeder;
import io.zerosync.bench.support.ViewTables;
import io.zerosync.kernel.sync.View;
import io.zerosync.shop.views.ShopListProjection;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Full re-import rate through the real path: shops seeded straight into ShopsTable (not measured), then a
 * rebuild job of shop-list ({@code POST /admin/reimports}, ReimportTaskQueue, the worker function, the
 * engine, DynamoDbViewStore) timed from the POST to the job's end, with one scan segment and with several,
 * at each size. Beside it, in the same process and against the same cloud, the naive sequential re-import
 * ({@link NaiveReimport}). The view table is emptied before every run, so every run writes every row.
 * Options: {@code --reimport.shops=3000,10000,100000}, {@code --reimport.segments=1,4,16},
 * {@code --reimport.naiveSeconds=30}, {@code --reimport.naiveIds=2000}.
 */
public final class ReimportBench implements BenchPart {
    private static final String TABLE = "zerosync-local-view-shop-list";
    static final double TARGET_ROWS_PER_SECOND = 1_000;
    static final double TARGET_TIMES_NAIVE = 5;

    @Override
    public String name() {
        return "reimport";
    }

    @Override
    public Section run(BenchOptions options) throws Exception {
        int[] sizes = ints(options.option("reimport.shops", options.quick() ? "3000" : "3000,10000,100000"));
        int[] segmentCounts = ints(options.option("reimport.segments", "1,4,16"));
        Duration naiveBudget = Duration.ofSeconds(options.intOption("reimport.naiveSeconds", 30, 10));
        int naiveIds = options.intOption("reimport.naiveIds", 2000, 1000);
        Section section = new Section(name(), "Full re-import (rebuild of shop-list): rows/s through the job path");
        Map<Integer, List<double[]>> curves = new LinkedHashMap<>();
        List<double[]> naiveCurve = new ArrayList<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(options.template(), "bench-reimport"))) {
            AdminJobs jobs = new AdminJobs(cloud, Duration.ofMillis(100));
            int categoryShards = Integer.parseInt(
                    cloud.environmentOf("ReimportWorkerFunction").variables().get("ZEROSYNC_CATEGORY_SHARDS"));
            DynamoDbViewStore store = new DynamoDbViewStore(cloud.dynamo(), TABLE, "shopId", new CategoryShards(categoryShards));
            NaiveReimport naive = new NaiveReimport(cloud.httpEndpoint(), cloud.adminToken(), cloud.dynamo(), store,
                    new View<>(new ShopListProjection(), store, null));
            int seeded = warmUp(cloud, jobs, naive, sizes[0], segmentCounts);
            for (int shops : sizes) {
                long t0 = System.nanoTime();
                ShopSeeder.seed(cloud, seeded, shops);
                seeded = Math.max(seeded, shops);
                System.out.printf(Locale.ROOT, "  seeded %d shops in %.1f s%n", shops, (System.nanoTime() - t0) / 1e9);

                ViewTables.clear(cloud, TABLE);
                List<String> ids = IntStream.range(0, shops).mapToObj(ShopSeeder::id).toList();
                NaiveReimport.Result baseline = naive.run(ids, naiveIds, naiveBudget);
                System.out.printf(Locale.ROOT, "  naive: %d rows in %.1f s = %.0f rows/s%n", baseline.rows(),
                        baseline.seconds(), baseline.rowsPerSecond());
                naiveCurve.add(new double[]{shops, baseline.rowsPerSecond()});
                section.figure(Figure.of(String.format(Locale.ROOT, "naive sequential re-import, %,d shops", shops),
                        baseline.rowsPerSecond(), "rows/s"));

                for (int segments : segmentCounts) {
                    ViewTables.clear(cloud, TABLE);
                    double rate = timeJob(cloud, jobs, shops, segments, runs);
                    curves.computeIfAbsent(segments, s -> new ArrayList<>()).add(new double[]{shops, rate});
                    section.figure(Figure.of(String.format(Locale.ROOT, "full rebuild, %,d shops, %d segment%s", shops,
                                    segments, segments == 1 ? "" : "s"), rate, "rows/s")
                            .against("naive sequential", baseline.rowsPerSecond()).atLeast(TARGET_ROWS_PER_SECOND));
                    section.figure(Figure.of(String.format(Locale.ROOT, "  x naive, %,d shops, %d segment%s", shops,
                                    segments, segments == 1 ? "" : "s"), rate / baseline.rowsPerSecond(), "x")
                            .atLeast(TARGET_TIMES_NAIVE));
                }
            }
        }
        List<Chart.Series> series = new ArrayList<>();
        curves.forEach((segments, points) -> series.add(new Chart.Series(segments + " segment" + (segments == 1 ? "" : "s"), points)));
        series.add(new Chart.Series("naive sequential", naiveCurve));
        section.chart(new Chart("reimport-rows-per-second", "Full rebuild of shop-list", "shops", "rows/s", series));
        section.detail("runs", runs);
        section.detail("naive", Map.of("maxIds", naiveIds, "budgetSeconds", naiveBudget.toSeconds()));
        section.note("Rows/s = shops / (POST /admin/reimports -> job succeeded), orphan sweep included; the view table is"
                + " emptied before each run. Naive: one thread, GET /internal/shops/{id} + unconditional PutItem per ID.");
        return section;
    }

    /**
     * One untimed pass of both paths over the first size, so neither is measured with a cold JIT (a worker that
     * rebuilds a large view is warm after its first pages); the first size's figures are otherwise mostly warm-up.
     */
    private static int warmUp(LocalCloud cloud, AdminJobs jobs, NaiveReimport naive, int shops, int[] segmentCounts)
            throws Exception {
        long t0 = System.nanoTime();
        ShopSeeder.seed(cloud, 0, shops);
        naive.run(IntStream.range(0, shops).mapToObj(ShopSeeder::id).toList(), 1000, Duration.ofSeconds(10));
        for (int segments : segmentCounts) {
            ViewTables.clear(cloud, TABLE);
            jobs.run("/admin/reimports", "/admin/reimports/", rebuild(segments), j -> { });
        }
        System.out.printf(Locale.ROOT, "  warmed up on %d shops in %.1f s (untimed)%n", shops, (System.nanoTime() - t0) / 1e9);
        return shops;
    }

    private static double timeJob(LocalCloud cloud, AdminJobs jobs, int shops, int segments,
                                  List<Map<String, Object>> runs) throws Exception {
        long t0 = System.nanoTime();
        JsonNode job = jobs.run("/admin/reimports", "/admin/reimports/", rebuild(segments), j -> { });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!job.path("state").asText().equals("succeeded") || job.path("failed").asLong() != 0) {
            throw new IllegalStateException("re-import job did not succeed cleanly: " + job);
        }
        long rows = ViewTables.count(cloud, TABLE);
        if (rows != shops) {
            throw new IllegalStateException("after the rebuild the view holds " + rows + " rows, not " + shops);
        }
        double rate = shops / seconds;
        System.out.printf(Locale.ROOT, "  rebuild %d shops, %d segments: %.1f s = %.0f rows/s (processed %d)%n", shops,
                segments, seconds, rate, job.path("processed").asLong());
        runs.add(Map.of("shops", shops, "segments", segments, "seconds", seconds, "rowsPerSecond", rate,
                "processed", job.path("processed").asLong()));
        return rate;
    }

    /** The body of a full rebuild of shop-list in this many segments. */
    private static String rebuild(int segments) {
        return "{\"view\":\"shop-list\",\"scope\":{\"type\":\"full\",\"segments\":" + segments + "},\"mode\":\"rebuild\"}";
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }
}
