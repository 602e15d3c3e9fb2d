package io.zerosync.functions.config;

import io.zerosync.kernel.port.SourceReader;
import io.zerosync.aws.source.HttpSourceReader;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.RetryPolicy;
import io.zerosync.aws.source.SigV4Auth;
import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.kernel.port.EntityDecoder;
import io.zerosync.kernel.port.ViewStore;
import io.zerosync.kernel.sync.Projection;
import io.zerosync.kernel.sync.SyncEngine;
import io.zerosync.kernel.sync.View;
import io.zerosync.shop.views.ShopDetailProjection;
import io.zerosync.shop.views.ShopListProjection;
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
 * four objects cost most of its cold start. Reads the variables the view template sets (ZEROSYNC_VIEW_PROJECTION,
 * ZEROSYNC_VIEW_TABLE, ZEROSYNC_VIEW_KEY, ZEROSYNC_VIEW_SETTINGS, ZEROSYNC_SOURCE_API_URL, ZEROSYNC_SOURCE_PATH,
 * ZEROSYNC_SOURCE_DECODER, ZEROSYNC_AUTH_MODE) and the local
 * overrides, with the same defaults as {@link ZerosyncConfig}.
 */
public final class SyncRoot implements AutoCloseable {
    /** A shop ID no writer issues (they are {@code shp_<hex>}): priming reads it, and finds nothing. */
    static final String PRIMING_ID = "zerosync-priming";
    /** The built-in projections, constructed directly; another class named by the template is loaded by name. */
    private static final Map<String, Supplier<Projection<?>>> KNOWN = Map.of(
            ShopDetailProjection.class.getName(), ShopDetailProjection::new,
            ShopListProjection.class.getName(), ShopListProjection::new);

    private final FunctionSettings settings;
    private final AwsSetup aws;
    private final DynamoDbClient dynamo;
    private final Projection<?> projection;
    private final EntityDecoder<?> decoder;
    private final ViewStore store;
    private final String sourceUrl;
    private volatile View<?> view;
    private final Clock clock = Clock.systemUTC();
    private final LagReporter lag = new LagReporter(new LagWindow());
    private volatile SyncEngine engine;

    private SyncRoot(FunctionSettings settings) {
        this.settings = settings;
        this.aws = AwsSetup.of(settings.environment());
        this.dynamo = aws.client(DynamoDbClient.builder(), settings.get("ZEROSYNC_LOCAL_DYNAMODB_ENDPOINT", null));
        this.projection = projection(settings.required("ZEROSYNC_VIEW_PROJECTION"));
        this.decoder = ViewAssembly.decoder(settings.required("ZEROSYNC_SOURCE_DECODER"));
        this.store = ViewStores.of(dynamo, projection, settings.required("ZEROSYNC_VIEW_TABLE"),
                settings.required("ZEROSYNC_VIEW_KEY"), ViewStores.categoryShards(settings.get("ZEROSYNC_VIEW_SETTINGS", ""),
                        settings.intValue("ZEROSYNC_CATEGORY_SHARDS", 16)));
        this.sourceUrl = ViewAssembly.collection(settings.get("ZEROSYNC_SOURCE_API_URL", "http://localhost:8080"),
                settings.required("ZEROSYNC_SOURCE_PATH"));
        connect();
    }

    public static SyncRoot of(Map<String, String> environment) {
        return new SyncRoot(new FunctionSettings(environment));
    }

    public SyncEngine engine() {
        return engine;
    }

    public View<?> view() {
        return view;
    }

    /** The view's source reader in use (a new one after {@link #reconnect()}). */
    public SourceReader<?> source() {
        return view.source();
    }

    /**
     * Runs the real read paths once so their classes are loaded and initialised before a snapshot: one
     * batch-get of an ID nobody has (source API over HTTP, signed when IAM), the view store's state read of
     * it (DynamoDB), and the projection and content hash of a sample shop. Writes nothing.
     */
    public void prime() {
        view.source().batchGet(List.of(PRIMING_ID));
        view.store().states(List.of(PRIMING_ID));
        primeProjection(view);
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

    /** (Re)builds the view's source reader with a new HTTP client; projection, decoder and store stay as built. */
    private void connect() {
        view = ViewAssembly.of(projection, decoder, store, sourceUrl, auth(), HttpSourceReader.defaultClient());
        engine = new SyncEngine(clock, lag);
    }

    /** Projects a sample shop when the view is built from shops (the deployment's own entity). */
    @SuppressWarnings("unchecked")
    private void primeProjection(View<?> v) {
        if (Shop.ENTITY_TYPE.equals(v.source().entityType())) {
            ((View<Shop>) v).rowOf(sampleShop(), clock.instant());
        }
    }

    private RequestAuth auth() {
        if ("iam".equalsIgnoreCase(settings.get("ZEROSYNC_AUTH_MODE", "bearer"))) {
            return new SigV4Auth(aws.credentials(), aws.region().id());
        }
        return RequestAuth.bearer(settings.required("ZEROSYNC_LOCAL_ADMIN_TOKEN"));
    }

    static Projection<?> projection(String className) {
        Supplier<Projection<?>> known = KNOWN.get(className);
        return known != null ? known.get() : Instances.create(className, Projection.class);
    }

    private static Shop sampleShop() {
        return Shop.created(PRIMING_ID, new ShopDetails("Priming", "priming", "1 Priming Road", null, 1000, 100, true,
                List.of(new Menu("m1", "Dish", 500, false))), Instant.EPOCH);
    }
}
