package io.zerosync.functions.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.zerosync.aws.source.HttpSourceApi;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.RetryPolicy;
import io.zerosync.aws.source.SigV4Auth;
import io.zerosync.core.port.SourceApi;
import io.zerosync.core.sync.Projection;
import io.zerosync.core.sync.SyncEngine;
import io.zerosync.core.sync.View;
import io.zerosync.functions.sync.RebuildReporter;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** Wires the sync engine: the source API client, and the view a sync function was configured for. */
@Factory
public class SyncFactory {

    @Singleton
    RequestAuth sourceAuth(ZerosyncConfig config, LocalOverrides local, AwsSetup aws) {
        if ("iam".equalsIgnoreCase(config.getAuthMode())) {
            return new SigV4Auth(aws.credentials(), aws.region().id());
        }
        String token = local.getAdminToken();
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("auth mode bearer needs ZEROSYNC_LOCAL_ADMIN_TOKEN");
        }
        return RequestAuth.bearer(token);
    }

    @Singleton
    SourceApi sourceApi(ZerosyncConfig config, RequestAuth auth) {
        return new HttpSourceApi(HttpSourceApi.defaultClient(), URI.create(config.getSourceApiUrl()), auth,
                RetryPolicy.standard(), Duration.ofSeconds(5));
    }

    /** The engine of the functions built on a context: admin and worker, whose syncs are all recovery. */
    @Singleton
    SyncEngine syncEngine(SourceApi source, Clock clock) {
        return new SyncEngine(source, clock, new RebuildReporter());
    }

    @Singleton
    @Requires(property = "zerosync.view.projection")
    View view(ViewConfig config, ZerosyncConfig zerosync, DynamoDbClient dynamo) {
        if (config.getTable() == null || config.getTable().isBlank()) {
            throw new IllegalStateException("ZEROSYNC_VIEW_TABLE is not set");
        }
        Projection projection = SyncRoot.projection(config.getProjection());
        // The view's own categoryShards setting (view template Settings) wins over ZEROSYNC_CATEGORY_SHARDS.
        int categoryShards = categoryShards(config.getSettings(), zerosync.getCategoryShards());
        return new View(projection, ViewStores.of(dynamo, projection, config.getTable(), categoryShards));
    }

    /** {@code categoryShards} of a view's {@code k=v,k=v} settings, or {@code otherwise}. */
    static int categoryShards(String settings, int otherwise) {
        for (String pair : settings == null ? new String[0] : settings.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].strip().equals("categoryShards")) {
                return Integer.parseInt(kv[1].strip());
            }
        }
        return otherwise;
    }

    public static Projection projection(String className) {
        try {
            Class<?> type = Class.forName(className);
            if (!Projection.class.isAssignableFrom(type)) {
                throw new IllegalStateException(className + " does not implement " + Projection.class.getName());
            }
            return (Projection) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create projection " + className, e);
        }
    }
}
