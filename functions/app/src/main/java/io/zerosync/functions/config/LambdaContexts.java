package io.zerosync.functions.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;

/**
 * The application context a Micronaut function builds on Lambda: the environments Micronaut's own Lambda
 * builder sets ({@code function}, {@code lambda}), but without its eager initialisation of every singleton and
 * configuration bean. One deployment jar holds every function's beans; eagerly, each function built all of
 * them (the command function built the SQS and CloudWatch clients, the re-import worker, the admin API's
 * services) on its cold start. Lazily, a function builds what its first request reaches; with SnapStart, its
 * priming hook reaches it before the snapshot.
 */
public final class LambdaContexts {
    private LambdaContexts() {
    }

    public static ApplicationContextBuilder lazy() {
        // The environments are named: nothing to deduce (deduction probes the host and cloud at start).
        return ApplicationContext.builder().environments("function", "lambda")
                .deduceEnvironment(false).deduceCloudEnvironment(false);
    }
}
