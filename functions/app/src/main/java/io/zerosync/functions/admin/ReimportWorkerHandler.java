package io.zerosync.functions.admin;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.zerosync.kernel.recovery.ReimportTask;
import io.zerosync.kernel.recovery.ReimportWorker;
import io.zerosync.functions.config.ClientPriming;
import io.zerosync.functions.config.LambdaContexts;
import io.zerosync.functions.config.TaskMessages;
import io.zerosync.functions.config.ZerosyncConfig;
import io.zerosync.functions.priming.Priming;
import jakarta.inject.Inject;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import io.zerosync.functions.logging.Correlation;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Lambda entry point of ReimportWorkerFunction: each task message is worked page by page within a time
 * budget. A task that throws (a source error, a checkpoint write cancelled by a conflict, throttling or a
 * rejected write) is reported failed and comes back after the visibility timeout, resuming from its
 * checkpoint; after maxReceiveCount receives it moves to ReimportTaskDlq, whose consumer fails its job.
 */
public class ReimportWorkerHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of("ZEROSYNC_VIEW_QUEUE_PREFIX", "ZEROSYNC_REIMPORT_JOBS_TABLE",
            "ZEROSYNC_REIMPORT_TASK_QUEUE_URL", "ZEROSYNC_SOURCE_API_URL", "ZEROSYNC_WORKER_BUDGET_SECONDS",
            "ZEROSYNC_CURSOR_KEY", "ZEROSYNC_REIMPORT_LEASE_SECONDS", "ZEROSYNC_CATEGORY_SHARDS");
    /** SnapStart hooks: prime the clients this function uses (see {@link ClientPriming}). */
    private final Resource snapStart;
    private static final Logger LOG = LoggerFactory.getLogger(ReimportWorkerHandler.class);

    @Inject
    ReimportWorker worker;
    @Inject
    ZerosyncConfig config;

    public ReimportWorkerHandler() {
        super();
        this.snapStart = snapStartHooks();
    }

    public ReimportWorkerHandler(ApplicationContext context) {
        super(context);
        this.snapStart = snapStartHooks();
    }

    /** Beans are built when a call first needs them, not all at start: this function uses few of the jar's. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.lazy();
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        long deadline = System.nanoTime() + config.getWorkerBudgetSeconds() * 1_000_000_000L;
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try (var ignored = Correlation.with(Correlation.MESSAGE_ID, message.getMessageId())) {
                try {
                    ReimportTask task = TaskMessages.decode(message.getBody());
                    // The task's job and task IDs on every line its work logs (the rebuild summaries included).
                    try (var job = Correlation.with(Correlation.JOB_ID, task.jobId(), Correlation.TASK_ID, task.taskId())) {
                        ReimportWorker.Outcome outcome = worker.process(task, () -> System.nanoTime() < deadline);
                        LOG.info("reimport task {} {}", kv("event", "reimport_task"), kv("outcome", outcome));
                    }
                } catch (RuntimeException e) {
                    LOG.warn("reimport task failed {} {}", kv("event", "reimport_task_failed"),
                            kv("reason", String.valueOf(e.getMessage())));
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** This function's SnapStart hooks. */
    public Resource snapStart() {
        return snapStart;
    }

    private Resource snapStartHooks() {
        return Priming.beforeCheckpoint(() -> {
            ClientPriming clients = getApplicationContext().getBean(ClientPriming.class);
            clients.jobClients();
            clients.sourceClient();
        });
    }
}
