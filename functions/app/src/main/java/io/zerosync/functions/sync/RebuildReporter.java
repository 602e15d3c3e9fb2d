package io.zerosync.functions.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.core.sync.SyncListener;
import io.zerosync.core.sync.SyncReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What re-imports, reconcile repairs and other recovery paths report: one summary line per batch and one line
 * per failure. Not lag: a rebuilt row's age since its change says how old the shop is, not how late sync was,
 * so recording it would drown the SyncLag metric and the admin API's percentiles in meaningless days; and not
 * a line per row, which at 100,000 rows costs more than the writes.
 */
public final class RebuildReporter implements SyncListener {
    private static final Logger LOG = LoggerFactory.getLogger("zerosync.rebuild");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void synced(String view, SyncReport report) {
        LOG.info(JSON.createObjectNode().put("event", "rebuilt").put("view", view)
                .put("requested", report.requested()).put("fetched", report.fetched())
                .put("written", report.written()).put("unchanged", report.unchanged())
                .put("deleted", report.deleted()).put("failed", report.failures().size()).toString());
        report.failures().forEach(f -> LOG.warn(JSON.createObjectNode().put("event", "rebuild_failed")
                .put("view", view).put("ref", f.ref()).put("shopId", f.shopId())
                .put("retryable", f.retryable()).put("reason", f.reason()).toString()));
    }
}
