package io.zerosync.functions.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.zerosync.aws.source.HttpSourceReader;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.RetryPolicy;
import io.zerosync.aws.source.SigV4Auth;
import io.zerosync.kernel.sync.Projection;
import io.zerosync.kernel.sync.SyncEngine;
import io.zerosync.kernel.sync.View;
import io.zerosync.functions.sync.RebuildReporter;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires the recovery engine of the admin API and the worker, and how they authenticate to sources. A sync function
 * is wired by {@link SyncRoot}, without a context.
 */
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

    /** The engine of the functions built on a context: admin and worker, whose syncs are all recovery. */
    @Singleton
    SyncEngine syncEngine(Clock clock) {
        return new SyncEngine(clock, new RebuildReporter());
    }
}
