package io.zerosync.local;

import io.zerosync.local.chaos.ChaosRun;
import io.zerosync.local.console.ConsoleRoutes;
import io.zerosync.local.edge.DevIssuer;
import io.zerosync.local.edge.TokenCli;
import io.zerosync.local.provision.EventSource;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar zerosync-local.jar [options]}: runs the local cloud until Ctrl-C;
 * {@code java -jar zerosync-local.jar token [--subject S] [--ttl 1h]}: a writer's token ({@link TokenCli});
 * {@code java -jar zerosync-local.jar chaos [--commands N] ...}: the chaos run ({@link ChaosRun}).
 * The ops CLI (reimport, jobs, reconcile, ...) is its own jar: infra/ops/target/zerosync-ops.jar.
 */
public final class LocalCloudMain {
    private LocalCloudMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && TokenCli.handles(args[0])) {
            System.exit(TokenCli.run(args, System.out, System.err, System.getenv()));
            return;
        }
        if (args.length > 0 && ChaosRun.handles(args[0])) {
            System.exit(ChaosRun.run(args, System.out, System.err));
            return;
        }
        String unknown = unknownCommand(args);
        if (unknown != null) {
            System.err.println(unknown);
            System.exit(2);
            return;
        }
        LocalCloudOptions options;
        try {
            options = LocalCloudOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalCloud cloud = LocalCloud.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("zerosync-local: stopping");
            cloud.close();
            stopped.countDown();
        }, "zerosync-shutdown"));
        System.out.println(banner(cloud, options));
        stopped.await();
    }

    /**
     * What to say for a command this jar does not run (null for options): the ops CLI moved to its own jar,
     * and without this hint {@code reimport ...} would read as an option with a missing value.
     */
    static String unknownCommand(String[] args) {
        if (args.length == 0 || args[0].startsWith("-") || TokenCli.handles(args[0]) || ChaosRun.handles(args[0])) {
            return null;
        }
        return "unknown command " + args[0] + ": the ops CLI (reimport, jobs, reconcile, redrive, status, console)"
                + " is java -jar infra/ops/target/zerosync-ops.jar; this jar runs the local cloud, token and chaos";
    }

    static String banner(LocalCloud cloud, LocalCloudOptions options) {
        StringBuilder out = new StringBuilder();
        out.append("\nZerosync local cloud is up (").append(cloud.readyMillis()).append(" ms)\n");
        out.append("  HTTP API     ").append(cloud.httpEndpoint()).append("   (GET /health)\n");
        out.append("  API docs     ").append(cloud.httpEndpoint().resolve("/openapi/"))
                .append("   (OpenAPI 3: /openapi/openapi.yaml)\n");
        out.append("  DynamoDB     ").append(cloud.dynamoDbEndpoint()).append("   (DynamoDB Local, in memory)\n");
        out.append("  SQS          ").append(cloud.sqsEndpoint()).append("   (ElasticMQ)\n");
        out.append("  SNS          ").append(cloud.snsEndpoint()).append("\n");
        out.append("  template     ").append(options.template()).append(" (")
                .append(cloud.stack().resources().size()).append(" resources)\n");
        for (EventSource s : cloud.stack().sqsEventSources()) {
            out.append("  poller       ").append(s.queueUrl().replaceAll(".*/", "")).append(" -> ")
                    .append(s.functionLogicalId()).append(" (batch ").append(s.batchSize()).append(", window ")
                    .append(s.maximumBatchingWindowSeconds()).append(" s)\n");
        }
        for (var s : cloud.stack().schedules()) {
            out.append("  schedule     every ").append(s.every().toSeconds()).append(" s -> ").append(s.functionLogicalId()).append("\n");
        }
        if (options.faultInjection()) {
            out.append("  faults       ").append(cloud.faults().rates().toMap())
                    .append("   (GET/PUT /local/faults)\n");
        }
        out.append("  admin token  ").append(options.adminToken())
                .append(options.tokenGenerated() ? "   (generated; set ZEROSYNC_ADMIN_TOKEN to choose one)" : "")
                .append("\n");
        out.append("  console      ").append(cloud.httpEndpoint()).append(ConsoleRoutes.link(options.adminToken())).append("\n");
        out.append("  dev token    ").append(cloud.devToken()).append("   (Authorization: Bearer <it> on writes; subject dev, ")
                .append(DevIssuer.DEV_TOKEN_TTL.toHours()).append(" h)\n");
        out.append("  token check  ").append(cloud.protectedRoutes().routes().size()).append(" write routes; RS256, issuer ")
                .append(DevIssuer.ISSUER).append(", audience ").append(DevIssuer.AUDIENCE)
                .append(", key made at start   (more tokens: java -jar zerosync-local.jar token --subject S --ttl 1h)\n");
        out.append("  AWS CLI      aws --endpoint-url ").append(cloud.dynamoDbEndpoint())
                .append(" dynamodb list-tables   (any access key and region)\n");
        out.append("Press Ctrl-C to stop.");
        return out.toString();
    }
}
