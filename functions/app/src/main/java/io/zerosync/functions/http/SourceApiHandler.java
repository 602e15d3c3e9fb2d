package io.zerosync.functions.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.zerosync.functions.config.LambdaContexts;
import io.zerosync.functions.config.LocalOverrides;
import io.zerosync.functions.priming.ApiPriming;
import io.zerosync.functions.priming.Priming;

import java.util.List;

/**
 * Lambda entry point of SourceApiFunction: the source API (/internal/shops...) that sync functions, the
 * re-import worker and the admin API call, behind its own API Gateway API (IAM auth, its own throttle) and
 * its own reserved concurrency, so internal and public traffic cannot starve each other.
 */
public class SourceApiHandler extends ApiGatewayProxyRequestEventFunction {
    /** Environment variables this function cannot run without; template.yaml must set them. */
    public static final List<String> REQUIRED_ENVIRONMENT = List.of(
            "ZEROSYNC_SHOPS_TABLE", "ZEROSYNC_AUTH_MODE", "ZEROSYNC_CURSOR_KEY", "ZEROSYNC_API_ROUTES",
            "ZEROSYNC_INDEX_SHARDS", "ZEROSYNC_EXPORT_SETTLE_SECONDS");
    /** SnapStart hooks (see {@link ApiPriming}); tests call them. */
    private final ApiPriming snapStart;

    public SourceApiHandler() {
        super();
        this.snapStart = snapStartHooks();
    }

    public SourceApiHandler(ApplicationContext context) {
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
        return Priming.register(new ApiPriming(this, List.of("GET /internal/shops/" + ApiPriming.PRIMING_ID),
                () -> { }, () -> getApplicationContext().getBean(LocalOverrides.class).getAdminToken()));
    }
}
