package io.zerosync.functions.config;

import io.zerosync.aws.source.HttpSourceApi;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.RetryPolicy;
import io.zerosync.aws.source.SigV4Auth;
import io.zerosync.core.domain.Menu;
import io.zerosync.core.domain.Shop;
import io.zerosync.core.domain.ShopDetails;
import io.zerosync.core.port.SourceApi;
import io.zerosync.core.sync.Projection;
import io.zerosync.core.sync.SyncEngine;
import io.zerosync.core.sync.View;
import io.zerosync.core.views.ShopDetailProjection;
import io.zerosync.core.views.ShopListProjection;
import io.zerosync.functions.sync.LagReporter;
import io.zerosync.functions.sync.LagWindow;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The composition root of a sync function, without an application context: a sync function needs one
 * DynamoDB client, the source API client, the engine and its view, and building a Micronaut context for
 * four objects cost most of its cold start. Reads the variables template.yaml sets (ZEROSYNC_VIEW_PROJECTION,
 * ZEROSYNC_VIEW_TABLE, ZEROSYNC_SOURCE_API_URL, ZEROSYNC_AUTH_MODE, ZEROSYNC_CATEGORY_SHARDS) and the local
 * overrides, with the same defaults as {@link ZerosyncConfig}.
 */
public final class SyncRoot implements AutoCloseable {
    /** A shop ID no writer issues (they are {@code shp_<hex>}): priming reads it, and finds nothing. */
    static final String PRIMING_ID = "zerosync-priming";
    /** The built-in projections, constructed directly; another class named by the template is loaded by name. */
    private static final Map<String, Supplier<Projection>> KNOWN = Map.of(
            ShopDetailProjection.class.getName(), ShopDetailProjection::new,
            ShopListProjection.class.getName(), ShopListProjection::new);

    private final FunctionSettings settings;
    private final AwsSetup aws;
    private final DynamoDbClient dynamo;
    private final View view;
    private final Clock clock = Clock.systemUTC();
    private final LagReporter lag = new LagReporter(new LagWindow());
    private volatile SourceApi source;
    private volatile SyncEngine engine;

    private SyncRoot(FunctionSettings settings) {
        this.settings = settings;
        this.aws = AwsSetup.of(settings.environment());
        this.dynamo = aws.client(DynamoDbClient.builder(), settings.get("ZEROSYNC_LOCAL_DYNAMODB_ENDPOINT", null));
        Projection projection = projection(settings.required("ZEROSYNC_VIEW_PROJECTION"));
        this.view = new View(projection, ViewStores.of(dynamo, projection, settings.required("ZEROSYNC_VIEW_TABLE"),
                // The view's own categoryShards (its view block's Settings) wins over ZEROSYNC_CATEGORY_SHARDS.
                SyncFactory.categoryShards(settings.get("ZEROSYNC_VIEW_SETTINGS", ""),
                        settings.intValue("ZEROSYNC_CATEGORY_SHARDS", 16))));
        connect();
    }

    public static SyncRoot of(Map<String, String> environment) {
        return new SyncRoot(new FunctionSettings(environment));
    }

    public SyncEngine engine() {
        return engine;
    }

    public View view() {
        return view;
    }

    /** The source API client in use (a new one after {@link #reconnect()}). */
    public SourceApi source() {
        return source;
    }

    /**
     * Runs the real read paths once so their classes are loaded and initialised before a snapshot: one
     * batch-get of an ID nobody has (source API over HTTP, signed when IAM), the view store's state read of
     * it (DynamoDB), and the projection and content hash of a sample shop. Writes nothing.
     */
    public void prime() {
        source.batchGet(List.of(PRIMING_ID));
        view.store().states(List.of(PRIMING_ID));
        view.rowOf(sampleShop(), clock.instant());
    }

    /**
     * After a restore: connections opened before the snapshot are not to be trusted (their peers never saw the
     * restored copies), so the source API gets a new HTTP client. The SDK client re-opens its own on failure.
     */
    public void reconnect() {
        connect();
    }

    @Override
    public void close() {
        dynamo.close();
    }

    private void connect() {
        source = new HttpSourceApi(HttpSourceApi.defaultClient(),
                URI.create(settings.get("ZEROSYNC_SOURCE_API_URL", "http://localhost:8080")), auth(),
                RetryPolicy.standard(), Duration.ofSeconds(5));
        engine = new SyncEngine(source, clock, lag);
    }

    private RequestAuth auth() {
        if ("iam".equalsIgnoreCase(settings.get("ZEROSYNC_AUTH_MODE", "bearer"))) {
            return new SigV4Auth(aws.credentials(), aws.region().id());
        }
        return RequestAuth.bearer(settings.required("ZEROSYNC_LOCAL_ADMIN_TOKEN"));
    }

    static Projection projection(String className) {
        Supplier<Projection> known = KNOWN.get(className);
        return known != null ? known.get() : SyncFactory.projection(className);
    }

    private static Shop sampleShop() {
        return Shop.created(PRIMING_ID, new ShopDetails("Priming", "priming", "1 Priming Road", null, 1000, 100, true,
                List.of(new Menu("m1", "Dish", 500, false))), Instant.EPOCH);
    }
}
