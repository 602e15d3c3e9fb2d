package io.zerosync.functions.admin;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.zerosync.kernel.recovery.JobWatchdog;
import io.zerosync.kernel.recovery.ReimportTask;
import io.zerosync.functions.config.ClientPriming;
import io.zerosync.functions.config.LambdaContexts;
import io.zerosync.functions.config.TaskMessages;
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
 * Lambda entry point of ReimportTaskDlqFunction: a re-import task that exhausted its retries lands in
 * ReimportTaskDlq, and its job can no longer complete, so the job ends failed with the reason and frees
 * its views. A message that is not a task cannot name its job: it is logged and dropped (the watchdog
 * fails that job when its lease runs out). A failure to record the job's end is retried, then parked in
 * ReimportTaskDlqFailures (alarmed).
 */
public class ReimportTaskDlqHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of("ZEROSYNC_REIMPORT_JOBS_TABLE");
    /** SnapStart hooks: prime the clients this function uses (see {@link ClientPriming}). */
    private final Resource snapStart;
    private static final Logger LOG = LoggerFactory.getLogger(ReimportTaskDlqHandler.class);

    @Inject
    JobWatchdog watchdog;

    public ReimportTaskDlqHandler() {
        super();
        this.snapStart = snapStartHooks();
    }

    public ReimportTaskDlqHandler(ApplicationContext context) {
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
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try (var ignored = Correlation.with(Correlation.MESSAGE_ID, message.getMessageId())) {
                ReimportTask task;
                try {
                    task = TaskMessages.decode(message.getBody());
                } catch (RuntimeException e) {
                    LOG.error("reimport DLQ message malformed {}", kv("event", "reimport_dlq_malformed"));
                    continue;
                }
                try (var job = Correlation.with(Correlation.JOB_ID, task.jobId(), Correlation.TASK_ID, task.taskId())) {
                    try {
                        watchdog.failExhaustedTask(task);
                        LOG.error("reimport task exhausted {}", kv("event", "reimport_task_exhausted"));
                    } catch (RuntimeException e) {
                        LOG.warn("reimport DLQ failed {} {}", kv("event", "reimport_dlq_failed"),
                                kv("reason", String.valueOf(e.getMessage())));
                        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                    }
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
        });
    }
}
