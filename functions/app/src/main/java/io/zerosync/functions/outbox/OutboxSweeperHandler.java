package io.zerosync.functions.outbox;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.zerosync.kernel.outbox.AnnouncementSweeper;
import io.zerosync.kernel.outbox.SweepReport;
import io.zerosync.functions.config.ClientPriming;
import io.zerosync.functions.config.LambdaContexts;
import io.zerosync.functions.config.ZerosyncConfig;
import io.zerosync.functions.priming.Priming;
import jakarta.inject.Inject;
import org.crac.Resource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda entry point of OutboxSweeperFunction, run on a schedule: announces what was not announced,
 * reports every item it could not announce, and answers the sweep's figures (seen in a manual invoke).
 */
public class OutboxSweeperHandler extends MicronautRequestHandler<ScheduledEvent, Map<String, Object>> {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of(
            "ZEROSYNC_SHOPS_TABLE", "ZEROSYNC_SHOP_CHANGED_TOPIC_ARN", "ZEROSYNC_OUTBOX_GRACE_SECONDS",
            "ZEROSYNC_INDEX_SHARDS");
    /** SnapStart hooks: prime the clients this function uses (see {@link ClientPriming}). */
    private final Resource snapStart;

    @Inject
    AnnouncementSweeper sweeper;
    @Inject
    OutboxMetrics metrics;
    @Inject
    ZerosyncConfig config;

    public OutboxSweeperHandler() {
        super();
        this.snapStart = snapStartHooks();
    }

    public OutboxSweeperHandler(ApplicationContext context) {
        super(context);
        this.snapStart = snapStartHooks();
    }

    /** Beans are built when a call first needs them, not all at start: this function uses few of the jar's. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.lazy();
    }

    @Override
    public Map<String, Object> execute(ScheduledEvent event) {
        SweepReport report = sweeper.sweep(Duration.ofSeconds(config.getOutboxGraceSeconds()));
        metrics.swept(report);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("announced", report.announced());
        out.put("pending", report.pending());
        out.put("oldestPendingAgeSeconds", report.oldestPendingAge().toSeconds());
        out.put("errors", report.errors());
        out.put("failedShopIds", report.failures().stream().map(SweepReport.Failure::id).toList());
        return out;
    }

    /** This function's SnapStart hooks. */
    public Resource snapStart() {
        return snapStart;
    }

    private Resource snapStartHooks() {
        return Priming.beforeCheckpoint(() -> {
            ClientPriming clients = getApplicationContext().getBean(ClientPriming.class);
            clients.sweeperClients();
        });
    }
}
