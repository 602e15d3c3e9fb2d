package io.zerosync.local.it;

import io.zerosync.local.ExternalAws;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.emulators.FreePort;
import io.zerosync.local.faults.FaultProxy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local clouds the integration tests share, started once per test JVM: a live one (pollers on, the
 * source API behind a fault-injecting proxy, queues with a 5 s visibility timeout and maxReceiveCount 3
 * so redelivery and DLQ moves take seconds) and a quiet one (no pollers, so published messages can be
 * inspected on the queues).
 * <p>
 * {@code -Dzerosync.cloud} chooses where their DynamoDB, SQS and SNS are: {@code embedded} (the default: the
 * local cloud's own), {@code localstack} (one LocalStack container per cloud; the classes are skipped, with the
 * reason, where Docker or a needed auth token is missing) or {@code external} (DynamoDB Local, ElasticMQ and an
 * SNS endpoint started apart from the cloud: LocalStack's code path without Docker). The LocalStack leg's
 * failsafe execution sets {@code zerosync.leg=localstack}, which wins.
 */
public final class TestClouds {
    public static final String TOKEN = "it-token";
    public static final String CLOUD_PROPERTY = "zerosync.cloud";
    /** Set by the LocalStack leg's failsafe execution; wins over a -Dzerosync.cloud given on the command line. */
    public static final String LEG_PROPERTY = "zerosync.leg";
    /**
     * The window exports' safety margin in tests: short, so windows ending near now settle in seconds (the
     * mechanism is the same as with the template's 25 s; DynamoDB Local's indexes do not lag).
     */
    public static final int EXPORT_SETTLE_SECONDS = 2;
    private static LocalCloud live;
    private static FaultProxy proxy;
    private static LocalCloud quiet;
    private static final Map<LocalCloud, AutoCloseable> SERVICES = new ConcurrentHashMap<>();

    private TestClouds() {
    }

    public static synchronized LocalCloud live() {
        if (live == null) {
            int port = FreePort.pick();
            proxy = FaultProxy.start(port);
            LocalCloudOptions options = LocalCloudOptions.ephemeral(template(), TOKEN).withHttpPort(port)
                    .withParameters(Map.of("SyncFunctionTimeout", 5, "SyncQueueVisibilityTimeout", 5, "MaxReceiveCount", 3,
                            "ExportSettleSeconds", EXPORT_SETTLE_SECONDS))
                    .withSourceApiUrl(proxy.url());
            try {
                live = start(options);
            } catch (RuntimeException | Error e) {
                proxy.close();
                proxy = null;
                throw e;
            }
            closeAtExit(() -> {
                close(live);
                proxy.close();
            });
        }
        return live;
    }

    /** The proxy the live cloud's functions reach the source API through. */
    public static FaultProxy sourceProxy() {
        live();
        return proxy;
    }

    public static synchronized LocalCloud quiet() {
        if (quiet == null) {
            quiet = start(LocalCloudOptions.ephemeral(template(), TOKEN).withoutPollers()
                    .withParameters(Map.of("ExportSettleSeconds", EXPORT_SETTLE_SECONDS)));
            closeAtExit(() -> close(quiet));
        }
        return quiet;
    }

    /** The chosen cloud kind (see the class comment); an unknown one fails loudly rather than run embedded. */
    static String kind() {
        String kind = System.getProperty(LEG_PROPERTY, System.getProperty(CLOUD_PROPERTY, "embedded")).trim();
        if (!kind.equals("embedded") && !kind.equals("localstack") && !kind.equals("external")) {
            throw new IllegalArgumentException("-D" + CLOUD_PROPERTY + " must be embedded, localstack or external, was "
                    + kind);
        }
        return kind;
    }

    /**
     * A cloud on the chosen kind's services. The services it did not start itself (LocalStack, the separate
     * emulators) are closed after it, in the same exit hook.
     */
    private static LocalCloud start(LocalCloudOptions options) {
        AutoCloseable services;
        ExternalAws endpoints;
        switch (kind()) {
            case "localstack" -> {
                LocalStackLeg.Started localStack = LocalStackLeg.start();
                services = localStack;
                endpoints = localStack.endpoints();
            }
            case "external" -> {
                SeparateEmulators emulators = SeparateEmulators.start();
                services = emulators;
                endpoints = emulators.endpoints();
            }
            default -> {
                return LocalCloud.start(options);
            }
        }
        System.out.println("test cloud on " + kind() + " services: " + endpoints);
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(options.withExternalAws(endpoints));
        } catch (RuntimeException | Error e) {
            closeQuietly(services);
            throw e;
        }
        SERVICES.put(cloud, services);
        return cloud;
    }

    /** Closes a test cloud, then whatever services it ran on. */
    private static void close(LocalCloud cloud) {
        cloud.close();
        AutoCloseable services = SERVICES.remove(cloud);
        if (services != null) {
            closeQuietly(services);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("while stopping test services: " + e);
        }
    }

    /** Closes at JVM exit, but never holds the exit up for long (the emulators' own hooks run too). */
    private static void closeAtExit(Runnable close) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Thread closer = new Thread(close, "close-test-cloud");
            closer.setDaemon(true);
            closer.start();
            try {
                closer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    public static Path template() {
        return LocalCloudOptions.findTemplate(Path.of("").toAbsolutePath());
    }
}
