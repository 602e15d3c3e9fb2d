package io.zerosync.functions.admin;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.zerosync.functions.config.LambdaContexts;
import io.zerosync.functions.config.LocalOverrides;
import io.zerosync.functions.priming.ApiPriming;
import io.zerosync.functions.priming.Priming;

import java.util.List;

/** Lambda entry point of AdminApiFunction: the /admin routes (AWS_IAM auth in template.yaml). */
public class AdminApiHandler extends ApiGatewayProxyRequestEventFunction {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of("ZEROSYNC_VIEWS", "ZEROSYNC_REIMPORT_JOBS_TABLE",
            "ZEROSYNC_REIMPORT_TASK_QUEUE_URL", "ZEROSYNC_SOURCE_API_URL", "ZEROSYNC_AUTH_MODE", "ZEROSYNC_CURSOR_KEY",
            "ZEROSYNC_REIMPORT_LEASE_SECONDS", "ZEROSYNC_CATEGORY_SHARDS", "ZEROSYNC_API_ROUTES");
    /** SnapStart hooks (see {@link ApiPriming}); tests call them. */
    private final ApiPriming snapStart;

    public AdminApiHandler() {
        super();
        this.snapStart = snapStartHooks();
    }

    public AdminApiHandler(ApplicationContext context) {
        super(context);
        this.snapStart = snapStartHooks();
    }

    /** Beans are built when a call first needs them, not all at start: this function uses few of the jar's. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.lazy();
    }

    /** This function's SnapStart hooks: the requests it primes with, and how they were answered. */
    public ApiPriming snapStart() {
        return snapStart;
    }

    private ApiPriming snapStartHooks() {
        return Priming.register(new ApiPriming(this, List.of("GET /admin/views", "GET /admin/reimports/" + ApiPriming.PRIMING_ID),
                () -> { }, () -> getApplicationContext().getBean(LocalOverrides.class).getAdminToken()));
    }
}
