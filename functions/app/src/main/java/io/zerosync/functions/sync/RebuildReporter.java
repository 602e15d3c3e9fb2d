package io.zerosync.functions.sync;

import io.zerosync.kernel.sync.SyncListener;
import io.zerosync.kernel.sync.SyncReport;
import io.zerosync.functions.logging.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * What re-imports, reconcile repairs and other recovery paths report: one summary line per batch and one line
 * per failure (with the job and task in the MDC when a worker runs them). Not lag: a rebuilt row's age since its
 * change says how old the shop is, not how late sync was, so recording it would drown the SyncLag metric and the
 * admin API's percentiles in meaningless days; and not a line per row, which at 100,000 rows costs more than the
 * writes.
 */
public final class RebuildReporter implements SyncListener {
    private static final Logger LOG = LoggerFactory.getLogger("zerosync.rebuild");

    @Override
    public void synced(String view, SyncReport report) {
        LOG.info("rebuilt {} {} {} {} {} {} {} {}", kv("event", "rebuilt"), kv("view", view), kv("requested", report.requested()),
                kv("fetched", report.fetched()), kv("written", report.written()), kv("unchanged", report.unchanged()),
                kv("deleted", report.deleted()), kv("failed", report.failures().size()));
        for (SyncReport.Failure f : report.failures()) {
            try (var ignored = Correlation.with(Correlation.ENTITY_ID, f.id())) {
                LOG.warn("rebuild failed {} {} {} {} {}", kv("event", "rebuild_failed"), kv("view", view), kv("ref", f.ref()),
                        kv("retryable", f.retryable()), kv("reason", f.reason()));
            }
        }
    }
}
