package io.zerosync.functions.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.zerosync.functions.config.ClientPriming;
import io.zerosync.functions.config.LambdaContexts;
import io.zerosync.functions.priming.ApiPriming;
import io.zerosync.functions.priming.Priming;

import java.util.List;

/**
 * Lambda entry point of CommandApiFunction: the write routes (POST/PATCH/PUT/DELETE /shops...), API Gateway
 * proxy events into the same Micronaut controllers the local HTTP server runs. The source API has its own
 * function (SourceApiHandler).
 */
public class CommandApiHandler extends ApiGatewayProxyRequestEventFunction {
    /** Environment variables this function cannot run without; template.yaml must set them. */
    public static final List<String> REQUIRED_ENVIRONMENT = List.of(
            "ZEROSYNC_SHOPS_TABLE", "ZEROSYNC_IDEMPOTENCY_TABLE", "ZEROSYNC_SHOP_CHANGED_TOPIC_ARN",
            "ZEROSYNC_TOMBSTONE_TTL_DAYS", "ZEROSYNC_INDEX_SHARDS", "ZEROSYNC_EXPORT_SETTLE_SECONDS", "ZEROSYNC_AUTH_MODE",
            "ZEROSYNC_CURSOR_KEY", "ZEROSYNC_API_ROUTES");
    /** SnapStart hooks (see {@link ApiPriming}); tests call them. */
    private final ApiPriming snapStart;

    public CommandApiHandler() {
        super();
        this.snapStart = snapStartHooks();
    }

    public CommandApiHandler(ApplicationContext context) {
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
        return Priming.register(new ApiPriming(this, List.of("PATCH /shops/" + ApiPriming.PRIMING_ID),
                () -> getApplicationContext().getBean(ClientPriming.class).commandClients(), () -> null));
    }
}
