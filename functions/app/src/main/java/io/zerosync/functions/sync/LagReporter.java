package io.zerosync.functions.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zerosync.core.sync.SyncListener;
import io.zerosync.core.sync.SyncReport;
import io.zerosync.core.sync.ViewRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Lag as data: one structured JSON line per synced row, and one CloudWatch Embedded Metric Format line
 * per batch (metric {@code SyncLag} in namespace {@code Zerosync}, dimension {@code View}), which
 * CloudWatch turns into a metric with percentiles without any API call from the function. Live sync only:
 * recovery paths report through {@link RebuildReporter}.
 */
public class LagReporter implements SyncListener {
    private static final Logger LOG = LoggerFactory.getLogger("zerosync.sync");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** EMF allows at most 100 values per metric per line. */
    private static final int EMF_MAX_VALUES = 100;

    private final LagWindow window;

    public LagReporter(LagWindow window) {
        this.window = window;
    }

    @Override
    public void synced(String view, SyncReport report) {
        for (ViewRow row : report.rowsWritten()) {
            ObjectNode line = JSON.createObjectNode()
                    .put("event", "synced").put("view", view).put("shopId", row.shopId())
                    .put("version", row.version()).put("lagMs", row.lagMillis());
            LOG.info(line.toString());
            window.record(view, row.lagMillis());
        }
        for (int from = 0; from < report.rowsWritten().size(); from += EMF_MAX_VALUES) {
            LOG.info(emf(view, report, from));
        }
        if (!report.failures().isEmpty()) {
            report.failures().forEach(f -> LOG.warn(JSON.createObjectNode().put("event", "sync_failed")
                    .put("view", view).put("ref", f.ref()).put("shopId", f.shopId())
                    .put("retryable", f.retryable()).put("reason", f.reason()).toString()));
        }
    }

    private static String emf(String view, SyncReport report, int from) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", Instant.now().toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", "Zerosync");
        directive.putArray("Dimensions").addArray().add("View");
        directive.putArray("Metrics").addObject().put("Name", "SyncLag").put("Unit", "Milliseconds");
        root.put("View", view);
        ArrayNode values = root.putArray("SyncLag");
        report.rowsWritten().subList(from, Math.min(report.rowsWritten().size(), from + EMF_MAX_VALUES))
                .forEach(r -> values.add(r.lagMillis()));
        return root.toString();
    }
}
