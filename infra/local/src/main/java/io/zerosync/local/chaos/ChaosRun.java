package io.zerosync.local.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.faults.FaultRates;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code chaos}: proves convergence under faults. Starts its own local cloud with fault injection,
 * drives random commands with every fault on, switches the faults off, brings the cloud to quiet
 * ({@link Convergence}), then audits every view ({@link ViewAudit}) and prints the figures as JSON.
 * Exit 0 only when every drift class of every view and the lost-command count are zero.
 */
public final class ChaosRun {
    public static final int CONVERGED = 0;
    public static final int NOT_CONVERGED = 1;
    public static final int USAGE = 2;
    /**
     * Short visibility timeouts so that crashed batches come back in seconds; a few more receives than
     * the template's default so that a batch that meets several faults in a row does not park in the DLQ
     * (it would be redriven anyway).
     */
    private static final Map<String, Object> PARAMETERS = Map.of("SyncFunctionTimeout", 5,
            "SyncQueueVisibilityTimeout", 5, "MaxReceiveCount", 5);

    private ChaosRun() {
    }

    public static boolean handles(String command) {
        return "chaos".equals(command);
    }

    /** The command line's entry point: answers the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        PrintStream stdout = System.out;
        try {
            // Only the report goes to standard output; whatever else prints (emulator banners) goes to stderr.
            System.setOut(err);
            Map<String, Object> report = run(options, err);
            System.setOut(stdout);
            out.println(Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return Boolean.TRUE.equals(report.get("converged")) ? CONVERGED : NOT_CONVERGED;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            err.println("chaos run failed: " + e);
            e.printStackTrace(err);
            return NOT_CONVERGED;
        } finally {
            System.setOut(stdout);
        }
    }

    /** Runs it and answers the report (what the command prints); {@code progress} gets one line per phase. */
    public static Map<String, Object> run(ChaosOptions options, PrintStream progress) throws Exception {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String token = "chaos_" + HexFormat.of().formatHex(random);
        long started = System.nanoTime();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        // Injected faults make every layer log; at 20,000 commands that costs more than the run itself.
        root.setLevel(ch.qos.logback.classic.Level.ERROR);
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(options.template(), token)
                .withParameters(PARAMETERS).withFaults(FaultRates.none(), options.seed()))) {
            // A writer's token for the whole run (the dev token's 12 h may not be enough for a long one).
            Http http = new Http(cloud.httpEndpoint(), token,
                    cloud.devIssuer().mint("chaos", io.zerosync.local.edge.DevIssuer.MAX_TTL));
            ViewAudit audit = new ViewAudit(cloud, http);
            List<String> views = audit.views();
            Convergence convergence = new Convergence(cloud, http);
            Ledger ledger = new Ledger();
            CommandDriver driver = new CommandDriver(http, ledger);

            progress.printf("chaos: cloud up in %d ms; %d commands on %d threads, seed %d, faults %s%n",
                    cloud.readyMillis(), options.commands(), options.threads(), options.seed(), options.faults().toMap());
            cloud.faults().set(options.faults());
            long driveStart = System.nanoTime();
            driver.run(options.commands(), options.threads(), options.seed(), progress);
            double driveSeconds = seconds(driveStart);
            cloud.faults().set(FaultRates.none());
            progress.printf("chaos: commands done in %.1f s %s; faults off, converging%n", driveSeconds, driver.figures());

            long convergeStart = System.nanoTime();
            boolean quiet = convergence.await(views, options.convergeTimeout());
            double convergeSeconds = seconds(convergeStart);
            progress.printf("chaos: %s after %.1f s; reconciling%n", quiet ? "quiet" : "NOT quiet", convergeSeconds);

            Map<String, Map<String, Long>> drift = audit.drift(views);
            Map<String, Object> lost = audit.lost(ledger);
            long driftTotal = drift.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
            long lostTotal = ((Number) lost.get("count")).longValue();

            Map<String, Object> report = new LinkedHashMap<>();
            report.put("converged", quiet && driftTotal == 0 && lostTotal == 0);
            report.put("seed", options.seed());
            report.put("threads", options.threads());
            report.put("commands", driver.figures());
            report.put("shops", ledger.shops().size());
            report.put("faultRates", options.faults().toMap());
            report.put("faultsInjected", cloud.faults().injected());
            report.put("driveSeconds", round(driveSeconds));
            report.put("quiet", quiet);
            report.put("secondsToConverge", round(convergeSeconds));
            report.put("outboxSweptAfterFaults", convergence.swept());
            report.put("dlqMessagesRedriven", convergence.redriven());
            report.put("drift", drift);
            report.put("lostCommands", lost);
            report.put("wallSeconds", round(seconds(started)));
            return report;
        } finally {
            root.setLevel(level);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
