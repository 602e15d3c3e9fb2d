package io.zerosync.bench.cost;

import io.zerosync.bench.BenchOptions;
import io.zerosync.bench.BenchPart;
import io.zerosync.bench.report.Chart;
import io.zerosync.bench.report.Figure;
import io.zerosync.bench.report.Section;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cost per million commands into the two views, at us-east-1 list prices: the same command streams through
 * our design and through the naive one (one event, one fetch, one unconditional write), each on a local cloud
 * of its own, every AWS request counted ({@link DesignRun}) and priced ({@link PriceList}). Two windows per
 * design: {@code busy}, where the views' queues hold a backlog and Lambda's pollers get full batches (as at
 * any sustained volume, or after a pause), which is where a million commands are spent and where the targets
 * are judged; and {@code trickle}, commands at a low steady rate with the pollers on, where most batches hold
 * one message.
 * Settings: {@code --cost.commands=N} per window (2,000; quick 300), {@code --cost.rate=R} commands/s
 * (25), {@code --cost.lanes=L} client threads (4), {@code --cost.seed=S}.
 */
public final class CostPart implements BenchPart {
    static final double TARGET_PER_MILLION = 5.0;
    static final double TARGET_VS_NAIVE = 0.5;
    static final String BUSY = "busy";
    static final String TRICKLE = "trickle";

    @Override
    public String name() {
        return "cost";
    }

    @Override
    public Section run(BenchOptions options) throws Exception {
        int commands = options.intOption("cost.commands", 2000, 300);
        int rate = options.intOption("cost.rate", 25, 25);
        int lanes = options.intOption("cost.lanes", 4, 4);
        long seed = Long.parseLong(options.option("cost.seed", "9"));
        List<List<CommandMix.Command>> warmUp = CommandMix.generate(Math.max(40, commands / 10), lanes, seed + 1);
        List<DesignRun.Window> windows = List.of(
                new DesignRun.Window(BUSY, CommandMix.generate(commands, lanes, seed), rate, true),
                new DesignRun.Window(TRICKLE, CommandMix.generate(commands, lanes, seed + 2), rate, false));
        Duration settle = Duration.ofSeconds(options.quick() ? 60 : 180);

        Map<String, DesignRun.Result> ours = DesignRun.run(options.template(), DesignRun.Design.OURS, warmUp, windows, settle);
        Map<String, DesignRun.Result> naive = DesignRun.run(options.template(), DesignRun.Design.NAIVE, warmUp, windows, settle);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("commandsPerWindow", commands);
        run.put("ratePerSecond", rate);
        run.put("lanes", lanes);
        run.put("seed", seed);
        return report(ours, naive, PriceList.US_EAST_1, run);
    }

    static Section report(Map<String, DesignRun.Result> ours, Map<String, DesignRun.Result> naive, PriceList prices,
                          Map<String, Object> run) {
        Section section = new Section("cost", "Cost per million commands into two views (us-east-1 list prices)");
        DesignRun.Result busy = ours.get(BUSY);
        DesignRun.Result busyNaive = naive.get(BUSY);
        double oursBusy = perMillion(prices, busy);
        double naiveBusy = perMillion(prices, busyNaive);
        section.figure(Figure.of("busy queues: $ per million commands (write side + 2 views)", oursBusy, "$")
                .against("naive design", naiveBusy).atMost(TARGET_PER_MILLION));
        section.figure(Figure.of("busy queues: ours / naive", oursBusy / naiveBusy, "x").atMost(TARGET_VS_NAIVE));
        for (String group : busy.groups().keySet()) {
            String label = group.equals(DesignRun.WRITE_SIDE) ? "write side (API, command fn, tables, SNS)"
                    : group + " (sync fn, queue, table, source API)";
            section.figure(Figure.of("  busy: " + label, perMillion(prices, busy.groups().get(group), busy.commands()),
                    "$").against("naive", perMillion(prices, busyNaive.groups().getOrDefault(group, Usage.NONE),
                    busyNaive.commands())));
        }
        DesignRun.Result trickle = ours.get(TRICKLE);
        DesignRun.Result trickleNaive = naive.get(TRICKLE);
        section.figure(Figure.of("trickle (" + run.get("ratePerSecond") + "/s asked, pollers on): $ per million",
                perMillion(prices, trickle), "$").against("naive design", perMillion(prices, trickleNaive)));

        Map<String, Map<String, Double>> perCommand = new LinkedHashMap<>();
        perCommand.put("ours busy", busy.total().perCommand(busy.commands()));
        perCommand.put("naive busy", busyNaive.total().perCommand(busyNaive.commands()));
        perCommand.put("ours trickle", trickle.total().perCommand(trickle.commands()));
        perCommand.put("naive trickle", trickleNaive.total().perCommand(trickleNaive.commands()));
        section.note(String.format(Locale.ROOT, "%-22s %11s %11s %13s %13s", "per command", "ours busy", "naive busy",
                "ours trickle", "naive trickle"));
        for (String measure : perCommand.get("ours busy").keySet()) {
            section.note(String.format(Locale.ROOT, "%-22s %11.3f %11.3f %13.3f %13.3f", measure,
                    perCommand.get("ours busy").get(measure), perCommand.get("naive busy").get(measure),
                    perCommand.get("ours trickle").get(measure), perCommand.get("naive trickle").get(measure)));
        }
        section.note("busy, $/M by service (ours / naive): " + byService(prices, busy, busyNaive));
        section.note("trickle, $/M by service (ours / naive): " + byService(prices, trickle, trickleNaive));
        section.note("busy: the views' pollers paused while the commands are sent, then resumed, so batches are full "
                + "(as at sustained volume on AWS); trickle: pollers on, most batches hold one message.");
        section.note("Lambda duration: each invocation's wall time in one shared JVM (sync functions: the poller's "
                + "handler call; API functions: the request's round trip), rounded up to 1 ms, times the template's "
                + "MemorySize. An estimate: here every function shares 2 busy cores.");
        section.note("Not billed per command: empty ReceiveMessage polls (local pollers long-poll 1 s, Lambda's 20 s), "
                + "schedules, provisioning, warm-up, and the bench's own checks.");

        List<String> services = List.copyOf(prices.price(busy.total()).perMillion(busy.commands()).keySet());
        section.chart(new Chart("cost-by-service", "Cost per million commands by service", "service",
                "$ per million commands", List.of(series("ours, busy", prices, busy),
                series("naive, busy", prices, busyNaive), series("ours, trickle", prices, trickle),
                series("naive, trickle", prices, trickleNaive)), services));

        section.detail("run", run);
        section.detail("perCommand", perCommand);
        Map<String, Object> designs = new LinkedHashMap<>();
        ours.forEach((w, r) -> designs.put("ours " + w, design(prices, r)));
        naive.forEach((w, r) -> designs.put("naive " + w, design(prices, r)));
        section.detail("windows", designs);
        return section;
    }

    static double perMillion(PriceList prices, DesignRun.Result result) {
        return perMillion(prices, result.total(), result.commands());
    }

    static double perMillion(PriceList prices, Usage usage, long commands) {
        return prices.price(usage).totalPerMillion(commands);
    }

    private static String byService(PriceList prices, DesignRun.Result ours, DesignRun.Result naive) {
        Map<String, Double> o = prices.price(ours.total()).perMillion(ours.commands());
        Map<String, Double> n = prices.price(naive.total()).perMillion(naive.commands());
        List<String> parts = new ArrayList<>();
        o.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.2f / %.2f", k, v, n.get(k))));
        return String.join(", ", parts);
    }

    private static Chart.Series series(String name, PriceList prices, DesignRun.Result result) {
        List<double[]> points = new ArrayList<>();
        int x = 1;
        for (double dollars : prices.price(result.total()).perMillion(result.commands()).values()) {
            points.add(new double[]{x++, dollars});
        }
        return new Chart.Series(name, points);
    }

    private static Map<String, Object> design(PriceList prices, DesignRun.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("commands", result.commands());
        out.put("acknowledged", result.acknowledged());
        out.put("dollarsPerMillionCommands", perMillion(prices, result));
        Map<String, Object> groups = new LinkedHashMap<>();
        result.groups().forEach((g, u) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("usage", u);
            one.put("dollarsPerMillionCommands", prices.price(u).perMillion(result.commands()));
            one.put("totalPerMillionCommands", perMillion(prices, u, result.commands()));
            groups.put(g, one);
        });
        out.put("groups", groups);
        out.putAll(result.details());
        return out;
    }
}
