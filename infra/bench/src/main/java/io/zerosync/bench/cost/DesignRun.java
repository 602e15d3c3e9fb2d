package io.zerosync.bench.cost;

import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.esm.EventSourceMappingStats;
import io.zerosync.local.provision.EventSource;
import io.zerosync.local.runtime.Pollers;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one design on a local cloud of its own and measures what a command stream cost: starts the cloud
 * without its pollers, puts a {@link MeteredGateway} in front of its HTTP API for the write side and one per
 * view (the view's sync function reaches the source API through it), starts each view's sync function on the
 * same pollers the local cloud uses (the template's handler, or {@link NaiveSyncHandler}), warms up, then
 * takes the {@link CallLedger}, gateways and mappings' counts before and after sending the commands and
 * waiting until both views hold what the commands left. Only that window is billed.
 */
final class DesignRun {
    static final String WRITE_SIDE = "write";
    private static final String COMMAND_FUNCTION = "CommandApiFunction";
    private static final String SOURCE_FUNCTION = "SourceApiFunction";

    enum Design { OURS, NAIVE }

    /** What one design's window cost, by group (the write side, and each view by name). */
    record Result(Design design, long commands, long acknowledged, Map<String, Usage> groups,
                  Map<String, Object> details) {
        Usage total() {
            return groups.values().stream().reduce(Usage.NONE, Usage::plus);
        }
    }

    private record SyncFunction(EventSource source, String view, String table, MeteredGateway sourceGateway) {
    }

    private static final EventSourceMappingStats.Snapshot ZERO =
            new EventSourceMappingStats.Snapshot(0, 0, 0, 0, 0, null, null, 0);

    private DesignRun() {
    }

    /**
     * One measured stretch: a command stream sent at a rate, either to running pollers ({@code backlog} false:
     * batches hold what arrived since the last poll) or while they are paused, then drained ({@code backlog}
     * true: full batches, as a busy queue gives Lambda's pollers).
     */
    record Window(String name, List<List<CommandMix.Command>> commands, double perSecond, boolean backlog) {
    }

    static Map<String, Result> run(Path template, Design design, List<List<CommandMix.Command>> warmUp,
                                   List<Window> windows, Duration settleLimit) throws Exception {
        LocalCloudOptions options = LocalCloudOptions.ephemeral(template, "bench-cost-" + design.name().toLowerCase())
                .withoutPollers();
        try (LocalCloud cloud = LocalCloud.start(options);
             MeteredGateway commandGateway = MeteredGateway.start(WRITE_SIDE, cloud.httpEndpoint());
             Pollers pollers = new Pollers(cloud.sqs())) {
            Map<String, SyncFunction> views = new LinkedHashMap<>();
            try {
                for (EventSource source : cloud.stack().sqsEventSources()) {
                    Map<String, String> env = cloud.environmentOf(source.functionLogicalId()).variables();
                    String projection = env.get("ZEROSYNC_VIEW_PROJECTION");
                    if (projection == null || !source.enabled()) {
                        continue; // not a view's sync function (e.g. the re-import worker)
                    }
                    String view = NaiveSyncHandler.projection(projection).view();
                    Callers.function(source.functionLogicalId(), view);
                    Callers.queue(source.queueUrl(), view);
                    MeteredGateway gateway = MeteredGateway.start(view, cloud.httpEndpoint());
                    views.put(view, new SyncFunction(source, view, env.get("ZEROSYNC_VIEW_TABLE"), gateway));
                    EventSource started = design == Design.OURS ? source : withHandler(source, NaiveSyncHandler.class.getName());
                    pollers.start(started, cloud.environmentOf(source.functionLogicalId())
                            .with(Map.of("ZEROSYNC_SOURCE_API_URL", gateway.url().toString())));
                }
                // JIT and connection pools warm on other shops, outside the window, as a busy function would be.
                CommandDriver warm = new CommandDriver(commandGateway.url(), cloud.devToken());
                warm.run(warmUp, windows.get(0).perSecond());
                settle(cloud, views, warm.expected(), settleLimit);

                Map<String, Result> results = new LinkedHashMap<>();
                for (Window window : windows) {
                    results.put(window.name(), measure(cloud, design, window, views, pollers, commandGateway, template,
                            settleLimit));
                }
                return results;
            } finally {
                views.values().forEach(f -> f.sourceGateway().close());
            }
        }
    }

    private static Result measure(LocalCloud cloud, Design design, Window window, Map<String, SyncFunction> views,
                                  Pollers pollers, MeteredGateway commandGateway, Path template, Duration settleLimit)
            throws InterruptedException {
        if (window.backlog()) {
            views.values().forEach(f -> pollers.pause(f.source().functionLogicalId()));
        }
        CallLedger.Snapshot ledgerBefore = CallLedger.GLOBAL.snapshot();
        MeteredGateway.Counts commandBefore = commandGateway.counts();
        Map<String, MeteredGateway.Counts> sourceBefore = new TreeMap<>();
        Map<String, EventSourceMappingStats.Snapshot> esmBefore = new TreeMap<>();
        views.forEach((v, f) -> {
            sourceBefore.put(v, f.sourceGateway().counts());
            esmBefore.put(v, pollers.stats(f.source().functionLogicalId()).orElseThrow());
        });
        long started = System.nanoTime();
        CommandDriver driver = new CommandDriver(commandGateway.url(), cloud.devToken());
        driver.run(window.commands(), window.perSecond());
        double driveSeconds = (System.nanoTime() - started) / 1e9;
        if (window.backlog()) {
            // A resumed mapping is a new one, with counts from zero: everything it does is this window's.
            views.values().forEach(f -> {
                pollers.resume(f.source().functionLogicalId());
                esmBefore.put(f.view(), ZERO);
            });
        }
        Map<String, Integer> behind = settle(cloud, views, driver.expected(), settleLimit);
        double windowSeconds = (System.nanoTime() - started) / 1e9;
        CallLedger.Snapshot calls = CallLedger.GLOBAL.snapshot().minus(ledgerBefore);
        Map<String, Usage> groups = new LinkedHashMap<>();
        MeteredGateway.Counts command = commandGateway.counts().minus(commandBefore);
        groups.put(WRITE_SIDE, fromLedger(calls, WRITE_SIDE).plus(new Usage(command.requests(), command.requests(),
                gbSeconds(command.billedMillis(), FunctionMemory.megabytes(template, COMMAND_FUNCTION)), 0, 0, 0, 0)));
        Map<String, Object> esmDetails = new TreeMap<>();
        for (SyncFunction f : views.values()) {
            MeteredGateway.Counts source = f.sourceGateway().counts().minus(sourceBefore.get(f.view()));
            EventSourceMappingStats.Snapshot now = pollers.stats(f.source().functionLogicalId()).orElseThrow();
            EventSourceMappingStats.Snapshot before = esmBefore.get(f.view());
            long invocations = now.invocations() - before.invocations();
            long billed = now.billedMillis() - before.billedMillis();
            Usage lambda = new Usage(source.requests(), source.requests() + invocations,
                    gbSeconds(source.billedMillis(), FunctionMemory.megabytes(template, SOURCE_FUNCTION))
                            + gbSeconds(billed, FunctionMemory.megabytes(template, f.source().functionLogicalId())),
                    0, 0, 0, 0);
            groups.put(f.view(), fromLedger(calls, f.view()).plus(lambda));
            esmDetails.put(f.view(), Map.of("invocations", invocations, "records", now.records() - before.records(),
                    "billedMillis", billed, "sourceApiRequests", source.requests(),
                    "sourceApiBilledMillis", source.billedMillis()));
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("window", window.name());
        details.put("commandsSent", driver.sent());
        details.put("commandsAcknowledged", driver.acknowledged());
        details.put("shops", driver.expected().size());
        details.put("driveSeconds", driveSeconds);
        details.put("windowSeconds", windowSeconds);
        details.put("rowsBehindAtEnd", behind);
        details.put("syncFunctions", esmDetails);
        details.put("emptyReceivesExcluded", calls.requests().entrySet().stream()
                .filter(e -> e.getKey().operation().equals(AwsCallMeter.EMPTY_RECEIVE))
                .mapToLong(Map.Entry::getValue).sum());
        details.put("awsRequests", byCaller(calls));
        details.put("readUnits", calls.readUnits());
        details.put("writeUnits", calls.writeUnits());
        return new Result(design, driver.sent(), driver.acknowledged(), groups, details);
    }

    /** SNS publishes, SQS requests (empty receives aside) and DynamoDB units the ledger billed to {@code group}. */
    static Usage fromLedger(CallLedger.Snapshot calls, String group) {
        return new Usage(0, 0, 0, calls.requests(group, "Sns", op -> op.startsWith("Publish")),
                calls.requests(group, "Sqs", op -> !op.equals(AwsCallMeter.EMPTY_RECEIVE)),
                calls.readUnits(group), calls.writeUnits(group));
    }

    static double gbSeconds(long billedMillis, int memoryMb) {
        return billedMillis / 1000.0 * memoryMb / 1024.0;
    }

    private static EventSource withHandler(EventSource s, String handler) {
        return new EventSource(s.functionLogicalId(), s.eventName(), handler, s.timeoutSeconds(), s.queueUrl(),
                s.queueArn(), s.batchSize(), s.maximumBatchingWindowSeconds(), s.reportBatchItemFailures(),
                s.maximumConcurrency(), s.enabled());
    }

    /**
     * Waits until every view holds what the commands left and its queue is empty (nothing waiting, nothing in
     * flight), or the limit passes; returns how many shops each view still had behind at the end.
     */
    private static Map<String, Integer> settle(LocalCloud cloud, Map<String, SyncFunction> views,
                                               Map<String, CommandDriver.Expected> expected, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, Integer> behind = new TreeMap<>();
        while (true) {
            boolean done = true;
            for (SyncFunction f : views.values()) {
                int n = ViewCheck.behind(cloud.dynamo(), f.table(), expected);
                behind.put(f.view(), n);
                done &= n == 0 && queueEmpty(cloud, f.source().queueUrl());
            }
            if (done || System.nanoTime() > deadline) {
                return behind;
            }
            Thread.sleep(250);
        }
    }

    private static boolean queueEmpty(LocalCloud cloud, String queueUrl) {
        Map<QueueAttributeName, String> a = cloud.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Requests by caller, then "Service.Operation", for the JSON. */
    private static Map<String, Map<String, Long>> byCaller(CallLedger.Snapshot calls) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        calls.requests().forEach((k, n) -> out.computeIfAbsent(k.caller(), c -> new TreeMap<>())
                .merge(k.service() + "." + k.operation(), n, Long::sum));
        return out;
    }
}
