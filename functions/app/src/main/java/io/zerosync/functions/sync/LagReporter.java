package io.zerosync.functions.sync;

import io.zerosync.kernel.sync.SyncListener;
import io.zerosync.kernel.sync.SyncReport;
import io.zerosync.kernel.sync.ViewRow;
import io.zerosync.functions.metrics.Emf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Lag as data: one structured log line per synced row — with the event ID, message ID and trace of the
 * announcement that caused it ({@link BatchCorrelation}) — and one Embedded Metric Format document per batch
 * (metric {@code SyncLag} in milliseconds, namespace {@code Zerosync}, dimension {@code View}), which CloudWatch
 * turns into a metric with percentiles without any API call from the function. Live sync only: recovery paths
 * report through {@link RebuildReporter}.
 */
public class LagReporter implements SyncListener {
    static final String LOGGER = "zerosync.sync";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final LagWindow window;
    private final Emf emf;

    public LagReporter(LagWindow window) {
        this(window, Emf.forLogger(LOGGER));
    }

    LagReporter(LagWindow window, Emf emf) {
        this.window = window;
        this.emf = emf;
    }

    @Override
    public void synced(String view, SyncReport report) {
        MetricsLogger metrics = report.rowsWritten().isEmpty() ? null : emf.metrics(DimensionSet.of("View", view));
        for (ViewRow row : report.rowsWritten()) {
            try (var ignored = BatchCorrelation.forRow(row.id(), row.version())) {
                LOG.info("synced {} {} {} {}", kv("event", "synced"), kv("view", view), kv("version", row.version()),
                        kv("lagMs", row.lagMillis()));
            }
            window.record(view, row.lagMillis());
            metrics.putMetric("SyncLag", row.lagMillis(), Unit.MILLISECONDS);
        }
        if (metrics != null) {
            metrics.flush();
        }
        for (SyncReport.Failure f : report.failures()) {
            try (var ignored = BatchCorrelation.forMessage(f.ref(), f.id())) {
                LOG.warn("sync failed {} {} {} {} {}", kv("event", "sync_failed"), kv("view", view), kv("ref", f.ref()),
                        kv("retryable", f.retryable()), kv("reason", f.reason()));
            }
        }
    }
}
