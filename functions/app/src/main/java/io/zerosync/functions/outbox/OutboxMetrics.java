package io.zerosync.functions.outbox;

import io.zerosync.kernel.outbox.SweepReport;
import io.zerosync.shop.domain.Shop;
import io.zerosync.functions.logging.Correlation;
import io.zerosync.functions.metrics.Emf;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.util.Locale;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * The outbox's failure signals as data: a structured log line per event (with the shop ID) and an Embedded
 * Metric Format document per command or sweep, in namespace {@code Zerosync} without dimensions, which
 * template.yaml alarms on: {@code AnnouncementsDeferred} (a command left its announcement to the sweeper),
 * {@code OutboxPending}, {@code OutboxOldestPendingAgeSeconds}, {@code OutboxSweeperErrors} and
 * {@code OutboxAnnounced}.
 */
@Singleton
public class OutboxMetrics {
    public static final String NAMESPACE = Emf.NAMESPACE;
    static final String LOGGER = "zerosync.outbox";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final Emf emf;

    @Inject
    public OutboxMetrics() {
        this(Emf.forLogger(LOGGER));
    }

    OutboxMetrics(Emf emf) {
        this.emf = emf;
    }

    /** A command's publish failed: the change waits in the outbox for the sweeper. */
    public void deferred(Shop shop, RuntimeException cause) {
        try (var ignored = Correlation.with(Correlation.ENTITY_ID, shop.shopId())) {
            LOG.warn("announcement deferred {} {} {}", kv("event", "announce_deferred"), kv("version", shop.version()),
                    kv("reason", String.valueOf(cause.getMessage())));
        }
        emf.metrics().putMetric("AnnouncementsDeferred", 1, Unit.COUNT).flush();
    }

    /** One sweep: each item it could not announce, then its figures. */
    public void swept(SweepReport report) {
        for (SweepReport.Failure f : report.failures()) {
            try (var ignored = Correlation.with(Correlation.ENTITY_ID, f.id())) {
                LOG.error("outbox item failed {} {} {}", kv("event", "outbox_item_failed"),
                        kv("kind", f.kind().name().toLowerCase(Locale.ROOT)), kv("reason", f.reason()));
            }
        }
        Object[] summary = {kv("event", "outbox_swept"), kv("pending", report.pending()),
                kv("oldestPendingAgeSeconds", report.oldestPendingAge().toSeconds()),
                kv("announced", report.announced()), kv("errors", report.errors()),
                kv("notAttempted", report.notAttempted())};
        if (report.errors() > 0 || report.notAttempted() > 0) {
            LOG.warn("outbox swept {} {} {} {} {} {}", summary);
        } else {
            LOG.info("outbox swept {} {} {} {} {} {}", summary);
        }
        MetricsLogger metrics = emf.metrics();
        metrics.putMetric("OutboxPending", report.pending(), Unit.COUNT);
        metrics.putMetric("OutboxOldestPendingAgeSeconds", report.oldestPendingAge().toSeconds(), Unit.SECONDS);
        metrics.putMetric("OutboxSweeperErrors", report.errors(), Unit.COUNT);
        metrics.putMetric("OutboxAnnounced", report.announced(), Unit.COUNT);
        metrics.flush();
    }
}
