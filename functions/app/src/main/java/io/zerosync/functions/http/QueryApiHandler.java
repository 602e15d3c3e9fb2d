package io.zerosync.functions.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.zerosync.functions.config.LambdaContexts;
import io.zerosync.functions.priming.ApiPriming;
import io.zerosync.functions.priming.Priming;

import java.util.List;

/** Lambda entry point of QueryApiFunction: GET /shops and GET /shops/{id} from the view tables. */
public class QueryApiHandler extends ApiGatewayProxyRequestEventFunction {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of(
            "ZEROSYNC_SHOP_DETAIL_TABLE", "ZEROSYNC_SHOP_LIST_TABLE", "ZEROSYNC_CURSOR_KEY", "ZEROSYNC_CATEGORY_SHARDS",
            "ZEROSYNC_API_ROUTES");
    /** SnapStart hooks (see {@link ApiPriming}); tests call them. */
    private final ApiPriming snapStart;

    public QueryApiHandler() {
        super();
        this.snapStart = snapStartHooks();
    }

    public QueryApiHandler(ApplicationContext context) {
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
        return Priming.register(new ApiPriming(this, List.of("GET /shops/" + ApiPriming.PRIMING_ID),
                () -> { }, () -> null));
    }
}
