package io.zerosync.functions.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zerosync.core.command.SweepReport;
import io.zerosync.core.domain.Shop;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The outbox's failure signals as data: a structured JSON line per event (with the shop ID) and a
 * CloudWatch Embedded Metric Format line per command or sweep, in namespace {@code Zerosync} without
 * dimensions, which template.yaml alarms on: {@code AnnouncementsDeferred} (a command left its
 * announcement to the sweeper), {@code OutboxPending}, {@code OutboxOldestPendingAgeSeconds},
 * {@code OutboxSweeperErrors} and {@code OutboxAnnounced}.
 */
@Singleton
public class OutboxMetrics {
    public static final String NAMESPACE = "Zerosync";
    private static final Logger LOG = LoggerFactory.getLogger("zerosync.outbox");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A command's publish failed: the change waits in the outbox for the sweeper. */
    public void deferred(Shop shop, RuntimeException cause) {
        LOG.warn(JSON.createObjectNode().put("event", "announce_deferred").put("shopId", shop.shopId())
                .put("version", shop.version()).put("reason", String.valueOf(cause.getMessage())).toString());
        LOG.info(emf(Map.of("AnnouncementsDeferred", 1L)));
    }

    /** One sweep: each item it could not announce, then its figures. */
    public void swept(SweepReport report) {
        for (SweepReport.Failure f : report.failures()) {
            LOG.error(JSON.createObjectNode().put("event", "outbox_item_failed").put("shopId", f.shopId())
                    .put("kind", f.kind().name().toLowerCase(Locale.ROOT)).put("reason", f.reason()).toString());
        }
        ObjectNode summary = JSON.createObjectNode().put("event", "outbox_swept").put("pending", report.pending())
                .put("oldestPendingAgeSeconds", report.oldestPendingAge().toSeconds())
                .put("announced", report.announced()).put("errors", report.errors())
                .put("notAttempted", report.notAttempted());
        if (report.errors() > 0 || report.notAttempted() > 0) {
            LOG.warn(summary.toString());
        } else {
            LOG.info(summary.toString());
        }
        LOG.info(emf(Map.of("OutboxPending", (long) report.pending(),
                "OutboxOldestPendingAgeSeconds", report.oldestPendingAge().toSeconds(),
                "OutboxSweeperErrors", (long) report.errors(),
                "OutboxAnnounced", (long) report.announced())));
    }

    /** One EMF line: the values in namespace Zerosync, no dimensions (one series per metric). */
    static String emf(Map<String, Long> values) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", Instant.now().toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray();
        ArrayNode metrics = directive.putArray("Metrics");
        values.forEach((name, value) -> {
            metrics.addObject().put("Name", name).put("Unit", name.endsWith("Seconds") ? "Seconds" : "Count");
            root.put(name, value);
        });
        return root.toString();
    }
}
