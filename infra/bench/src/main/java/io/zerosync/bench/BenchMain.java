package io.zerosync.bench;

import io.zerosync.bench.lag.LagBench;
import io.zerosync.bench.coldstart.ColdStartBench;
import io.zerosync.bench.cost.CostPart;
import io.zerosync.bench.fetch.FetchBench;
import io.zerosync.bench.reimport.ReimportBench;
import io.zerosync.bench.report.Chart;
import io.zerosync.bench.report.JsonReport;
import io.zerosync.bench.report.PngChart;
import io.zerosync.bench.report.Section;
import io.zerosync.bench.report.TextTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark command. Runs the named parts (all by default), each on a local cloud of its own, prints
 * one table of every figure beside its same-run baseline, and writes {@code bench.json} and PNG charts.
 *
 * <pre>java -jar infra/bench/target/zerosync-bench.jar [part ...] [--quick] [--out=DIR] [--part.key=value ...]</pre>
 * {@code --redraw=bench.json} only draws the charts of an earlier run again.
 */
public final class BenchMain {

    /** Every part, in the order they run and print. */
    static List<BenchPart> parts() {
        return List.of(new LagBench(), new FetchBench(), new ReimportBench(), new ColdStartBench(), new CostPart());
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, Path.of("").toAbsolutePath());
        String redraw = options.option("redraw", null);
        if (redraw != null) {
            // Only the charts, from an earlier run's JSON: nothing is measured.
            Files.createDirectories(options.outputDir());
            for (Chart chart : JsonReport.charts(Path.of(redraw))) {
                System.out.println("chart: " + PngChart.write(chart, options.outputDir()));
            }
            return;
        }
        List<String> asked = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                asked.add(arg);
            }
        }
        List<BenchPart> chosen = parts().stream().filter(p -> asked.isEmpty() || asked.contains(p.name())).toList();
        if (chosen.isEmpty()) {
            System.err.println("no such part: " + asked + "; parts: " + parts().stream().map(BenchPart::name).toList());
            System.exit(2);
        }
        Files.createDirectories(options.outputDir());
        Instant started = Instant.now();
        List<Section> sections = new ArrayList<>();
        for (BenchPart part : chosen) {
            System.out.println(">> " + part.name() + " ...");
            Instant partStart = Instant.now();
            sections.add(part.run(options));
            System.out.println(">> " + part.name() + " done in " + Duration.between(partStart, Instant.now()).toSeconds() + " s");
        }
        TextTable.print(sections, System.out);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("startedAt", started.toString());
        run.put("seconds", Duration.between(started, Instant.now()).toSeconds());
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("java", System.getProperty("java.version"));
        run.put("quick", options.quick());
        run.put("settings", options.settings());
        JsonReport.write(options.outputDir().resolve("bench.json"), run, sections);
        for (Section section : sections) {
            for (Chart chart : section.charts()) {
                System.out.println("chart: " + PngChart.write(chart, options.outputDir()));
            }
        }
        System.out.println("json: " + options.outputDir().resolve("bench.json"));
        boolean missed = sections.stream().flatMap(s -> s.figures().stream()).anyMatch(f -> Boolean.FALSE.equals(f.met()));
        System.out.println(missed ? "some targets NOT MET" : "every target met");
        // DynamoDB Local and Micronaut leave non-daemon threads behind after their clouds close.
        System.exit(0);
    }
}
