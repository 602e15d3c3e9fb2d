package io.zerosync.functions.admin;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.zerosync.kernel.recovery.JobWatchdog;
import io.zerosync.functions.config.ClientPriming;
import io.zerosync.functions.config.LambdaContexts;
import io.zerosync.functions.metrics.Emf;
import io.zerosync.functions.priming.Priming;
import jakarta.inject.Inject;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.util.List;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Lambda entry point of JobWatchdogFunction, run every minute: fails re-import jobs whose workers stopped
 * renewing their lease and frees their views. Emits metric {@code ReimportJobsLeaseExpired} (namespace
 * {@code Zerosync}, CloudWatch Embedded Metric Format), which an alarm watches.
 */
public class JobWatchdogHandler extends MicronautRequestHandler<ScheduledEvent, Integer> {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of("ZEROSYNC_REIMPORT_JOBS_TABLE",
            "ZEROSYNC_REIMPORT_LEASE_SECONDS");
    /** SnapStart hooks: prime the clients this function uses (see {@link ClientPriming}). */
    private final Resource snapStart;
    private static final Logger LOG = LoggerFactory.getLogger(JobWatchdogHandler.class);
    private static final Emf EMF = Emf.forLogger(JobWatchdogHandler.class.getName());

    @Inject
    JobWatchdog watchdog;

    public JobWatchdogHandler() {
        super();
        this.snapStart = snapStartHooks();
    }

    public JobWatchdogHandler(ApplicationContext context) {
        super(context);
        this.snapStart = snapStartHooks();
    }

    /** Beans are built when a call first needs them, not all at start: this function uses few of the jar's. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.lazy();
    }

    @Override
    public Integer execute(ScheduledEvent event) {
        int expired = watchdog.expireLapsedLeases();
        LOG.info("job watchdog {} {}", kv("event", "job_watchdog"), kv("expired", expired));
        EMF.metrics().putMetric("ReimportJobsLeaseExpired", expired, Unit.COUNT).flush();
        return expired;
    }

    /** This function's SnapStart hooks. */
    public Resource snapStart() {
        return snapStart;
    }

    private Resource snapStartHooks() {
        return Priming.beforeCheckpoint(() -> {
            ClientPriming clients = getApplicationContext().getBean(ClientPriming.class);
            clients.jobClients();
        });
    }
}
