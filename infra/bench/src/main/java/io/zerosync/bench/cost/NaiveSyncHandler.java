package io.zerosync.bench.cost;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.zerosync.aws.dynamodb.AttributeValues;
import io.zerosync.aws.dynamodb.CategoryShards;
import io.zerosync.aws.dynamodb.DynamoDbViewStore;
import io.zerosync.aws.dynamodb.IndexKeys;
import io.zerosync.aws.dynamodb.Timestamps;
import io.zerosync.aws.source.HttpSourceReader;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.RetryPolicy;
import io.zerosync.kernel.port.SourceReader;
import io.zerosync.shop.source.ShopDecoder;
import io.zerosync.shop.domain.Shop;
import io.zerosync.kernel.sync.Projection;
import io.zerosync.kernel.sync.ViewRow;
import io.zerosync.shop.views.ShopListProjection;
import io.zerosync.events.EntityChanged;
import io.zerosync.events.EntityChangedCodec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The naive design the cost part compares against, run as a view's sync function: for every record, one
 * fetch of that one shop from the source API and one unconditional PutItem of what the view's own
 * projection makes of it (or an unconditional DeleteItem when the shop is gone). No dedupe within a batch,
 * no skip of rows already current, no version gate. It builds the same row as the real view store, so the
 * two designs write items of the same size.
 */
public final class NaiveSyncHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, AutoCloseable {
    private final ApplicationContext context;
    private final Projection<Shop> projection;
    private final String table;
    private final IndexKeys indexKeys;
    private final HttpSourceReader<Shop> source;
    private final DynamoDbClient dynamo;

    /** Reads the function's environment, as the local cloud resolved it, from {@code context}. */
    public NaiveSyncHandler(ApplicationContext context) {
        this.context = context;
        this.projection = projection(required("zerosync.view.projection"));
        this.table = required("zerosync.view.table");
        this.indexKeys = ShopListProjection.VIEW.equals(projection.view())
                ? new CategoryShards(context.getProperty("zerosync.category.shards", Integer.class).orElse(16))
                : IndexKeys.NONE;
        this.source = new HttpSourceReader<>(HttpSourceReader.defaultClient(),
                URI.create(required("zerosync.source.api.url").replaceAll("/+$", "") + "/internal/shops"), new ShopDecoder(),
                RequestAuth.bearer(required("zerosync.local.admin.token")), RetryPolicy.standard(), Duration.ofSeconds(5));
        this.dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(required("zerosync.local.dynamodb.endpoint"))).build();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context lambdaContext) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                sync(EntityChangedCodec.decodeSqsBody(message.getBody()));
            } catch (RuntimeException e) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void sync(EntityChanged changed) {
        SourceReader.Batch<Shop> answer = source.batchGet(List.of(changed.id()));
        Map<String, AttributeValue> key = Map.of("shopId", AttributeValue.fromS(changed.id()));
        if (answer.entities().isEmpty()) {
            dynamo.deleteItem(r -> r.tableName(table).key(key));
            return;
        }
        Shop shop = answer.entities().get(0);
        Map<String, Object> fields = projection.project(shop);
        ViewRow row = new ViewRow(shop.shopId(), shop.version(), shop.updatedAt(), Instant.now(), fields,
                projection.version(), io.zerosync.kernel.sync.ContentHash.of(fields));
        dynamo.putItem(r -> r.tableName(table).item(item(row)));
    }

    /** The item the real view store writes for this row (same attributes, so the same write units). */
    private Map<String, AttributeValue> item(ViewRow row) {
        Map<String, AttributeValue> item = new HashMap<>();
        row.fields().forEach((k, v) -> item.put(k, AttributeValues.of(v)));
        item.putAll(indexKeys.of(row.id(), row.fields()));
        item.put("shopId", AttributeValue.fromS(row.id()));
        item.put(DynamoDbViewStore.VERSION, AttributeValue.fromN(Long.toString(row.version())));
        item.put(DynamoDbViewStore.CHANGED_AT, AttributeValue.fromS(Timestamps.format(row.changedAt())));
        item.put(DynamoDbViewStore.SYNCED_AT, AttributeValue.fromS(Timestamps.format(row.syncedAt())));
        item.put(DynamoDbViewStore.PROJECTION_VERSION, AttributeValue.fromN(Integer.toString(row.projectionVersion())));
        item.put(DynamoDbViewStore.CONTENT_HASH, AttributeValue.fromS(row.contentHash()));
        return item;
    }

    private String required(String property) {
        return context.getProperty(property, String.class)
                .orElseThrow(() -> new IllegalStateException("the naive sync function needs " + property));
    }

    @SuppressWarnings("unchecked")
    static Projection<Shop> projection(String className) {
        try {
            return (Projection<Shop>) Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create projection " + className, e);
        }
    }

    @Override
    public void close() {
        dynamo.close();
        context.close();
    }
}
