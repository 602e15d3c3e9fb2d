package io.zerosync.functions.sync;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.zerosync.core.sync.SyncEngine;
import io.zerosync.core.sync.SyncReport;
import io.zerosync.core.sync.View;
import jakarta.inject.Inject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lambda entry point of every read model's sync function (ShopDetailSyncFunction, ShopListSyncFunction,
 * ...): the template names the view's projection and table. Decodes the batch, hands it to the sync
 * engine, and reports exactly the failed message IDs (ReportBatchItemFailures).
 */
public class ViewSyncHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of(
            "ZEROSYNC_VIEW_PROJECTION", "ZEROSYNC_VIEW_TABLE", "ZEROSYNC_SOURCE_API_URL", "ZEROSYNC_AUTH_MODE");

    @Inject
    SyncEngine engine;
    @Inject
    View view;

    public ViewSyncHandler() {
        super();
    }

    public ViewSyncHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        SqsBatch batch = SqsBatch.decode(event);
        SyncReport report = engine.sync(view, batch.requests());
        Set<String> failed = new LinkedHashSet<>(batch.malformed());
        report.failures().forEach(f -> failed.add(f.ref()));
        return SQSBatchResponse.builder()
                .withBatchItemFailures(failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList())
                .build();
    }
}
