package io.zerosync.bench.lag;

import io.zerosync.bench.BenchOptions;
import io.zerosync.bench.BenchPart;
import io.zerosync.bench.report.Chart;
import io.zerosync.bench.report.Figure;
import io.zerosync.bench.report.Section;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.esm.EventSourceMappingStats;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end lag on the local cloud: open-loop creates over real HTTP at rising rates, and for every
 * acknowledged create, how long after its acknowledgement its row was written in each view. Then searches
 * upward for the rate where the system stops keeping up. The baseline is the lowest rate, run in the same
 * process on the same cloud.
 *
 * <p>Lag = the row's {@code syncedAt} minus the moment the 201 reached the client. Both clocks are this
 * JVM's wall clock (the local cloud runs in-process), so they agree. syncedAt is taken by the sync engine
 * just before it writes the row; the few milliseconds of the write itself are not in it. A sync can finish
 * before the 201 reaches the client, so a lag can be slightly negative.
 *
 * <p>Knobs: {@code --lag.rates=10,25,50,100}, {@code --lag.seconds=20}, {@code --lag.warmup=10},
 * {@code --lag.max-rate=400}, {@code --lag.in-flight=64}.
 */
public final class LagBench implements BenchPart {
    /** View name to its table's logical ID in template.yaml. */
    private static final Map<String, String> VIEWS = Map.of("shop-detail", "zerosync-local-view-shop-detail", "shop-list", "zerosync-local-view-shop-list");
    /** View name to the sync function (and event source mapping) that writes it. */
    private static final Map<String, String> SYNC_FUNCTIONS = Map.of("shop-detail", "ShopDetailView.SyncFunction",
            "shop-list", "ShopListView.SyncFunction");
    private static final List<String> VIEW_ORDER = List.of("shop-detail", "shop-list");
    /** "Keeping up": at least this share of the asked rate acknowledged ... */
    private static final double KEEP_UP_SHARE = 0.95;
    /** ... and p99 lag in every view at most this. */
    private static final double KEEP_UP_P99_MS = 1000;
    /** The target: 50 commands/s with p99 <= 300 ms in both views. */
    private static final double TARGET_RATE = 50;
    private static final double TARGET_P99_MS = 300;
    /** How long rows may take to appear after a run before they count as missing. */
    private static final Duration ROW_WAIT = Duration.ofSeconds(60);
    /** Bisections between the highest rate kept up and the lowest missed (each costs one rate step). */
    private static final int KNEE_STEPS = 2;

    @Override
    public String name() {
        return "lag";
    }

    /**
     * One rate's outcome. {@code recordsPerInvocation}: the mean batch each view's sync function got (calls per
     * command fall as it grows); {@code cpuMillisPerCommand}: this process's CPU time (the whole local cloud and
     * the client) per acknowledged command, a figure less at the mercy of other load on the machine than lag.
     */
    record Step(OpenLoopDriver.Run run, Map<String, LagStats> byView, Map<String, Double> recordsPerInvocation,
                double cpuMillisPerCommand) {
        boolean keptUp() {
            return run.acknowledgedRate() >= KEEP_UP_SHARE * run.askedRate()
                    && byView.values().stream().allMatch(s -> s.p99() <= KEEP_UP_P99_MS);
        }
    }

    @Override
    public Section run(BenchOptions options) throws Exception {
        double[] rates = Arrays.stream(options.option("lag.rates", "10,25,50,100").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        Duration each = Duration.ofSeconds(options.intOption("lag.seconds", 20, 6));
        Duration warmup = Duration.ofSeconds(options.intOption("lag.warmup", 10, 4));
        int maxRate = options.intOption("lag.max-rate", 400, 200);
        int inFlight = options.intOption("lag.in-flight", 64, 64);
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        // As the README's run command starts it: pollers on, no faults, the template's parameters.
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(options.template(),
                "bench_" + HexFormat.of().formatHex(random)))) {
            // A writer's token minted with the cloud's own key, as the ITs and the chaos run get theirs.
            OpenLoopDriver driver = new OpenLoopDriver(cloud.httpEndpoint(),
                    cloud.devIssuer().mint("bench-lag", Duration.ofHours(6)), inFlight);
            Map<String, ViewRows> views = new LinkedHashMap<>();
            VIEW_ORDER.forEach(v -> views.put(v, new ViewRows(cloud.dynamo(), cloud.stack().resource(VIEWS.get(v)).name())));
            try {
                System.out.printf(Locale.ROOT, "lag: cloud up in %d ms; warming up %d s at %.0f/s%n",
                        cloud.readyMillis(), warmup.toSeconds(), rates[0]);
                step(cloud, driver, views, rates[0], warmup);
                List<Step> steps = new ArrayList<>();
                for (double rate : rates) {
                    steps.add(report(step(cloud, driver, views, rate, each)));
                }
                // Upward past the listed rates until the system stops keeping up (or the ceiling).
                double rate = rates[rates.length - 1];
                while (steps.get(steps.size() - 1).keptUp() && rate < maxRate) {
                    rate = Math.min(maxRate, Math.round(rate * 1.5 / 10) * 10.0);
                    steps.add(report(step(cloud, driver, views, rate, each)));
                }
                // Then narrow the knee between the highest rate kept up and the lowest one missed.
                for (int i = 0; i < KNEE_STEPS; i++) {
                    double kept = steps.stream().filter(Step::keptUp).mapToDouble(s -> s.run().askedRate()).max().orElse(0);
                    double missed = steps.stream().filter(s -> !s.keptUp() && s.run().askedRate() > kept)
                            .mapToDouble(s -> s.run().askedRate()).min().orElse(Double.NaN);
                    double middle = Math.round((kept + missed) / 2 / 5) * 5.0;
                    if (Double.isNaN(missed) || middle <= kept || middle >= missed) {
                        break;
                    }
                    steps.add(report(step(cloud, driver, views, middle, each)));
                }
                steps.sort(Comparator.comparingDouble(s -> s.run().askedRate()));
                return section(steps, each, inFlight);
            } finally {
                driver.close();
            }
        }
    }

    private static Step step(LocalCloud cloud, OpenLoopDriver driver, Map<String, ViewRows> views, double rate,
                             Duration duration) throws InterruptedException {
        Map<String, EventSourceMappingStats.Snapshot> before = mappingStats(cloud);
        long cpuBefore = processCpuNanos();
        OpenLoopDriver.Run run = driver.run(rate, duration);
        Map<String, Long> ackedAt = new LinkedHashMap<>();
        run.acks().forEach(a -> ackedAt.put(a.shopId(), a.ackedAtMillis()));
        Map<String, LagStats> byView = new LinkedHashMap<>();
        views.forEach((view, rows) -> {
            Map<String, Long> synced = rows.syncedAt(ackedAt.keySet(), ROW_WAIT);
            List<Long> lags = new ArrayList<>();
            synced.forEach((id, at) -> lags.add(at - ackedAt.get(id)));
            byView.put(view, LagStats.of(lags, ackedAt.size() - synced.size()));
        });
        double cpuMillis = (processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, run.acks().size());
        Map<String, EventSourceMappingStats.Snapshot> after = mappingStats(cloud);
        Map<String, Double> perInvocation = new LinkedHashMap<>();
        after.forEach((view, a) -> {
            EventSourceMappingStats.Snapshot b = before.get(view);
            long invocations = a.invocations() - b.invocations();
            perInvocation.put(view, invocations == 0 ? Double.NaN : (double) (a.records() - b.records()) / invocations);
        });
        return new Step(run, byView, perInvocation, cpuMillis);
    }

    private static Map<String, EventSourceMappingStats.Snapshot> mappingStats(LocalCloud cloud) {
        Map<String, EventSourceMappingStats.Snapshot> out = new LinkedHashMap<>();
        VIEW_ORDER.forEach(view -> out.put(view, cloud.pollers().stats(SYNC_FUNCTIONS.get(view)).orElseThrow(
                () -> new IllegalStateException("no event source mapping for " + SYNC_FUNCTIONS.get(view)))));
        return out;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Step report(Step step) {
        OpenLoopDriver.Run run = step.run();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "lag: asked %.0f/s, acknowledged %.1f/s (%d sent, %d skipped, %d errors)", run.askedRate(),
                run.acknowledgedRate(), run.scheduled() - run.skipped(), run.skipped(), run.errors()));
        step.byView().forEach((view, s) -> line.append(String.format(Locale.ROOT, "; %s p50 %.0f p99 %.0f max %.0f ms%s, %.1f/batch",
                view, s.p50(), s.p99(), s.max(), s.missing() > 0 ? " (" + s.missing() + " missing)" : "",
                step.recordsPerInvocation().get(view))));
        line.append(String.format(Locale.ROOT, "; %.1f ms CPU/command", step.cpuMillisPerCommand()));
        System.out.println(line);
        return step;
    }

    private Section section(List<Step> steps, Duration each, int inFlight) {
        Section section = new Section(name(), "End-to-end lag: command acknowledged -> row written (open loop, local cloud)");
        Step baseline = steps.get(0);
        String baseName = label(baseline.run().askedRate());
        for (Step step : steps) {
            double asked = step.run().askedRate();
            Figure ack = Figure.of("acknowledged @ " + label(asked), step.run().acknowledgedRate(), "cmd/s")
                    .against("asked", asked);
            section.figure(asked == TARGET_RATE ? ack.atLeast(KEEP_UP_SHARE * TARGET_RATE) : ack);
            step.byView().forEach((view, s) -> {
                LagStats base = baseline.byView().get(view);
                section.figure(Figure.of(view + " p50 @ " + label(asked), s.p50(), "ms").against(baseName, base.p50()));
                section.figure(Figure.of(view + " p95 @ " + label(asked), s.p95(), "ms").against(baseName, base.p95()));
                Figure p99 = Figure.of(view + " p99 @ " + label(asked), s.p99(), "ms").against(baseName, base.p99());
                section.figure(asked == TARGET_RATE ? p99.atMost(TARGET_P99_MS) : p99);
                section.figure(Figure.of(view + " max @ " + label(asked), s.max(), "ms").against(baseName, base.max()));
                section.figure(Figure.of(view + " records/invocation @ " + label(asked), step.recordsPerInvocation().get(view),
                        "msg").against(baseName, baseline.recordsPerInvocation().get(view)));
            });
            section.figure(Figure.of("CPU per command @ " + label(asked), step.cpuMillisPerCommand(), "ms")
                    .against(baseName, baseline.cpuMillisPerCommand()));
        }
        Step firstMiss = steps.stream().filter(s -> !s.keptUp()).findFirst().orElse(null);
        double highestKept = steps.stream().filter(Step::keptUp).mapToDouble(s -> s.run().askedRate()).max().orElse(Double.NaN);
        section.figure(Figure.of("highest rate kept up", highestKept, "cmd/s"));
        if (firstMiss != null) {
            section.figure(Figure.of("stops keeping up at", firstMiss.run().askedRate(), "cmd/s"));
            section.note(String.format(Locale.ROOT, "stops keeping up at %s (acknowledged < %.0f%% of asked or p99 > %.0f ms in a view)",
                    label(firstMiss.run().askedRate()), KEEP_UP_SHARE * 100, KEEP_UP_P99_MS));
        } else {
            section.note("kept up at every rate tried, up to " + label(steps.get(steps.size() - 1).run().askedRate()));
        }
        section.note(String.format(Locale.ROOT, "each rate %d s of open-loop POST /shops, at most %d in flight; a send due "
                + "while all are busy is skipped; lag = row syncedAt - 201 received (one JVM clock)", each.toSeconds(), inFlight));
        section.chart(new Chart("lag-p99", "p99 lag after acknowledgement", "asked commands/s", "p99 lag (ms)",
                VIEW_ORDER.stream().map(view -> new Chart.Series(view, steps.stream()
                        .filter(s -> Double.isFinite(s.byView().get(view).p99()))
                        .map(s -> new double[]{s.run().askedRate(), s.byView().get(view).p99()}).toList())).toList()));
        section.chart(new Chart("lag-acknowledged", "acknowledged vs asked rate", "asked commands/s", "commands/s",
                List.of(new Chart.Series("acknowledged", steps.stream()
                                .map(s -> new double[]{s.run().askedRate(), s.run().acknowledgedRate()}).toList()),
                        new Chart.Series("asked", steps.stream()
                                .map(s -> new double[]{s.run().askedRate(), s.run().askedRate()}).toList()))));
        List<Map<String, Object>> details = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("askedRate", step.run().askedRate());
            d.put("acknowledgedRate", step.run().acknowledgedRate());
            d.put("seconds", step.run().seconds());
            d.put("scheduled", step.run().scheduled());
            d.put("skipped", step.run().skipped());
            d.put("errors", step.run().errors());
            d.put("keptUp", step.keptUp());
            d.put("cpuMillisPerCommand", step.cpuMillisPerCommand());
            d.put("recordsPerInvocation", step.recordsPerInvocation());
            Map<String, Object> views = new LinkedHashMap<>();
            step.byView().forEach((view, s) -> views.put(view, s.toMap()));
            d.put("views", views);
            details.add(d);
        }
        section.detail("steps", details);
        section.detail("secondsPerRate", each.toSeconds());
        section.detail("maxInFlight", inFlight);
        return section;
    }

    private static String label(double rate) {
        return String.format(Locale.ROOT, "%.0f/s", rate);
    }
}
