package io.zerosync.local.it;

import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.emulators.FreePort;
import io.zerosync.local.faults.FaultProxy;

import java.nio.file.Path;
import java.util.Map;

/**
 * The local clouds the integration tests share, started once per test JVM: a live one (pollers on, the
 * source API behind a fault-injecting proxy, queues with a 5 s visibility timeout and maxReceiveCount 3
 * so redelivery and DLQ moves take seconds) and a quiet one (no pollers, so published messages can be
 * inspected on the queues).
 */
public final class TestClouds {
    public static final String TOKEN = "it-token";
    /**
     * The window exports' safety margin in tests: short, so windows ending near now settle in seconds (the
     * mechanism is the same as with the template's 25 s; DynamoDB Local's indexes do not lag).
     */
    public static final int EXPORT_SETTLE_SECONDS = 2;
    private static LocalCloud live;
    private static FaultProxy proxy;
    private static LocalCloud quiet;

    private TestClouds() {
    }

    public static synchronized LocalCloud live() {
        if (live == null) {
            int port = FreePort.pick();
            proxy = FaultProxy.start(port);
            live = LocalCloud.start(LocalCloudOptions.ephemeral(template(), TOKEN).withHttpPort(port)
                    .withParameters(Map.of("SyncFunctionTimeout", 5, "SyncQueueVisibilityTimeout", 5, "MaxReceiveCount", 3,
                            "ExportSettleSeconds", EXPORT_SETTLE_SECONDS))
                    .withSourceApiUrl(proxy.url()));
            closeAtExit(() -> {
                live.close();
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
            quiet = LocalCloud.start(LocalCloudOptions.ephemeral(template(), TOKEN).withoutPollers()
                    .withParameters(Map.of("ExportSettleSeconds", EXPORT_SETTLE_SECONDS)));
            closeAtExit(quiet::close);
        }
        return quiet;
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

    static Path template() {
        return LocalCloudOptions.findTemplate(Path.of("").toAbsolutePath());
    }
}
