package io.zerosync.functions.sync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.zerosync.kernel.sync.SyncReport;
import io.zerosync.functions.config.SyncRoot;
import io.zerosync.functions.logging.Correlation;
import io.zerosync.functions.priming.Priming;
import io.zerosync.functions.priming.SampleEvents;
import io.zerosync.functions.tracing.SyncTracing;
import org.crac.Resource;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Lambda entry point of every read model's sync function (ShopDetailSyncFunction, ShopListSyncFunction,
 * ...): the template names the view's projection and table. Decodes the batch, hands it to the sync
 * engine, and reports exactly the failed message IDs (ReportBatchItemFailures). Each row's log line carries the
 * announcement's event ID, message ID and trace ID; the batch's span links to each message's trace. Wired by {@link SyncRoot}
 * without an application context: its cold start is JVM start, four objects and the first call.
 */
public class ViewSyncHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, AutoCloseable {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of(
            "ZEROSYNC_VIEW_PROJECTION", "ZEROSYNC_VIEW_TABLE", "ZEROSYNC_SOURCE_API_URL", "ZEROSYNC_AUTH_MODE");

    private final SyncRoot root;
    private final Resource snapStart;

    /** Lambda's constructor: the function's environment is the process's. */
    public ViewSyncHandler() {
        this(System.getenv());
    }

    /** The local cloud's and the tests' constructor: the environment template.yaml gives this function. */
    public ViewSyncHandler(Map<String, String> environment) {
        this.root = SyncRoot.of(environment);
        this.snapStart = Priming.register(new SnapStartHooks());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try (var invocation = Correlation.with(Correlation.REQUEST_ID, context == null ? null : context.getAwsRequestId())) {
            return sync(SqsBatch.decode(event));
        }
    }

    /**
     * One batch under its span (linked to each message's trace) with its correlation open, so each row's log line
     * names the event, message and trace that caused it.
     */
    private SQSBatchResponse sync(SqsBatch batch) {
        List<String> traceHeaders = batch.announcements().stream().map(SqsBatch.Announcement::traceHeader)
                .filter(Objects::nonNull).toList();
        Span span = SyncTracing.startBatch(root.view().name(), traceHeaders);
        SyncReport report;
        try (Scope ignored = span.makeCurrent(); var correlation = BatchCorrelation.open(batch)) {
            report = root.engine().sync(root.view(), batch.requests());
        } finally {
            span.end();
        }
        Set<String> failed = new LinkedHashSet<>(batch.malformed());
        report.failures().forEach(f -> failed.add(f.ref()));
        return SQSBatchResponse.builder()
                .withBatchItemFailures(failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList())
                .build();
    }

    @Override
    public void close() {
        root.close();
    }

    /** This function's SnapStart hooks (see {@link Priming}). */
    public Resource snapStart() {
        return snapStart;
    }

    /** Before the snapshot: decode the sample batch and run the read paths; after a restore: new connections. */
    private final class SnapStartHooks implements Resource {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            SqsBatch.decode(SampleEvents.sqs("sqs-shop-changed-sns.json"));
            root.prime();
            // The tracing API's classes too; without an SDK the span is a shared no-op, nothing is recorded.
            SyncTracing.startBatch(root.view().name(), List.of()).end();
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            root.reconnect();
        }
    }
}
