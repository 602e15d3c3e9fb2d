package io.zerosync.bench.coldstart;

import io.zerosync.bench.BenchOptions;
import io.zerosync.bench.BenchPart;
import io.zerosync.bench.report.Figure;
import io.zerosync.bench.report.Section;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.emulators.LocalAws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start per function: a fresh JVM on the deployment jar, with the function's environment as the
 * template sets it (resolved to the local cloud) and the template's JAVA_TOOL_OPTIONS, constructs the
 * handler class the template names with its no-arg constructor (as Lambda does), answers one real event,
 * and is timed from spawn to its answer; median of five. Beside the sync and command functions, the
 * floor: a plain-Java handler doing the same SDK and HTTP calls, as many fresh JVMs, interleaved with them
 * in the same run so both see the same machine.
 */
public final class ColdStartBench implements BenchPart {
    static final double SYNC_TARGET_MS = 1000;
    static final double COMMAND_TARGET_MS = 1500;
    private static final String FLOOR_SYNC = "io.zerosync.bench.coldstart.child.FloorSyncHandler";
    private static final String FLOOR_COMMAND = "io.zerosync.bench.coldstart.child.FloorCommandHandler";

    @Override
    public String name() {
        return "coldstart";
    }

    /** One function to cold-start: its event per run, and the floor (a handler class) it is held against. */
    private record Subject(String function, String kind, EventSource events, String floor, double target) {
    }

    @FunctionalInterface
    private interface EventSource {
        Path next() throws Exception;
    }

    @Override
    public Section run(BenchOptions options) throws Exception {
        int runs = options.intOption("coldstart.runs", 5, 3);
        Path work = Files.createDirectories(options.outputDir().resolve("coldstart"));
        // --coldstart.jar=PATH measures another build of the deployment jar (e.g. a copy from before a change).
        Path functionsJar = Path.of(options.option("coldstart.jar",
                options.repoRoot().resolve("functions/app/target/zerosync-functions.jar").toString())).toAbsolutePath();
        FreshJvm jvm = new FreshJvm(ChildClassPath.build(functionsJar, work), work);
        Section section = new Section(name(), "Cold start: fresh JVM -> first answer (median of " + runs + ")");
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(options.template(), "bench-coldstart")
                .withoutPollers())) {
            ColdStartEvents events = new ColdStartEvents(cloud, work.resolve("events"));
            events.warmUp(cloud.adminToken(), 30);
            String[] synced = new String[1];
            List<Subject> subjects = new ArrayList<>();
            subjects.add(new Subject("ShopDetailView.SyncFunction", "sqs", () -> {
                synced[0] = events.createShop();
                return events.shopChanged(synced[0]);
            }, FLOOR_SYNC, SYNC_TARGET_MS));
            subjects.add(new Subject("CommandApiFunction", "apigw", events::createShopRequest, FLOOR_COMMAND, COMMAND_TARGET_MS));
            if (!options.quick()) {
                subjects.add(new Subject("ShopListView.SyncFunction", "sqs", () -> events.shopChanged(events.createShop()),
                        FLOOR_SYNC, SYNC_TARGET_MS));
                subjects.add(new Subject("QueryApiFunction", "apigw",
                        () -> events.get("/shops/{id}", "/shops/" + synced[0], null), null, Double.NaN));
                subjects.add(new Subject("SourceApiFunction", "apigw",
                        () -> events.get("/internal/shops/{id}", "/internal/shops/" + synced[0], cloud.adminToken()), null, Double.NaN));
                subjects.add(new Subject("AdminApiFunction", "apigw",
                        () -> events.get("/admin/views", "/admin/views", cloud.adminToken()), null, Double.NaN));
                subjects.add(new Subject("OutboxSweeperFunction", "scheduled", events::scheduled, null, Double.NaN));
                subjects.add(new Subject("JobWatchdogFunction", "scheduled", events::scheduled, null, Double.NaN));
                // An SQS record that is no re-import task: the worker reports it failed, the DLQ consumer drops it;
                // neither touches a job, and both answer after constructing everything they use.
                subjects.add(new Subject("ReimportTaskDlqFunction", "sqs", () -> events.shopChanged("not-a-task"), null, Double.NaN));
                subjects.add(new Subject("ReimportWorkerFunction", "sqs", () -> events.shopChanged("not-a-task"), null, Double.NaN));
            }
            String only = options.option("coldstart.functions", "");
            Map<String, Object> samples = new LinkedHashMap<>();
            for (Subject subject : subjects) {
                if (!only.isBlank() && !Arrays.asList(only.split(",")).contains(subject.function())) {
                    continue;
                }
                try {
                    Map<String, String> env = environment(cloud, subject.function());
                    // --coldstart.jvm="-Xlog:class+load:file=classes.txt" adds flags (to profile; the figures then differ).
                    String extra = options.option("coldstart.jvm", "");
                    if (!extra.isBlank()) {
                        env.merge("JAVA_TOOL_OPTIONS", extra, (template, added) -> template + " " + added);
                    }
                    String handler = cloud.stack().handlerOf(subject.function());
                    long[] own = new long[runs];
                    long[] floor = new long[runs];
                    long[] ownCpu = new long[runs];
                    long[] floorCpu = new long[runs];
                    List<String> answers = new ArrayList<>();
                    for (int i = 0; i < runs; i++) {
                        FreshJvm.Result r = jvm.run(subject.function() + "-" + i, handler, subject.kind(), subject.events().next(), env);
                        own[i] = r.millis();
                        ownCpu[i] = r.cpuMillis();
                        answers.add(r.answer());
                        if (subject.floor() != null) {
                            FreshJvm.Result f = jvm.run(subject.function() + "-floor-" + i, subject.floor(), subject.kind(),
                                    subject.events().next(), env);
                            floor[i] = f.millis();
                            floorCpu[i] = f.cpuMillis();
                            answers.add("floor " + f.answer());
                        }
                    }
                    Figure figure = Figure.of(subject.function() + " cold start", median(own), "ms");
                    if (subject.floor() != null) {
                        figure = figure.against("plain-Java floor", median(floor));
                    }
                    if (!Double.isNaN(subject.target())) {
                        figure = figure.atMost(subject.target());
                    }
                    section.figure(figure);
                    // CPU time varies far less than wall time when other work shares the machine.
                    Figure cpu = Figure.of(subject.function() + " CPU time to answer", median(ownCpu), "ms");
                    section.figure(subject.floor() == null ? cpu : cpu.against("plain-Java floor", median(floorCpu)));
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("handler", handler);
                    detail.put("millis", own);
                    detail.put("cpuMillis", ownCpu);
                    if (subject.floor() != null) {
                        detail.put("floorMillis", floor);
                        detail.put("floorCpuMillis", floorCpu);
                    }
                    detail.put("answers", answers);
                    samples.put(subject.function(), detail);
                    System.out.printf("   %-24s median %5.0f ms %s%n", subject.function(), median(own),
                            subject.floor() == null ? "" : String.format("(floor %.0f ms)", median(floor)));
                } catch (IllegalStateException failed) {
                    // One function that does not answer is a finding, not a reason to lose the others' figures.
                    section.note(subject.function() + " did not answer: " + failed.getMessage());
                    System.out.println("   " + subject.function() + " FAILED: " + failed.getMessage());
                }
            }
            section.detail("functions", samples);
            section.detail("functionsJar", functionsJar.toString());
            section.detail("javaToolOptions", environment(cloud, "CommandApiFunction").get("JAVA_TOOL_OPTIONS"));
        }
        section.note("Each run is a new JVM: java -cp <child package>:functions/app/target/zerosync-functions.jar, "
                + "the function's template environment, JAVA_TOOL_OPTIONS from Globals; timed spawn -> answer.");
        return section;
    }

    /** The function's variables as the template sets them (local endpoints), plus what Lambda's runtime adds. */
    private static Map<String, String> environment(LocalCloud cloud, String function) {
        Map<String, String> env = new LinkedHashMap<>(cloud.environmentOf(function).variables());
        env.put("AWS_REGION", LocalAws.REGION);
        env.put("AWS_DEFAULT_REGION", LocalAws.REGION);
        env.put("AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_KEY);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        return env;
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
