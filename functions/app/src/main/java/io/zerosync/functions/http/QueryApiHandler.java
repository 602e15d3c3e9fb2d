package io.zerosync.functions.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.zerosync.functions.config.LambdaContexts;

import java.util.List;

/** Lambda entry point of QueryApiFunction: GET /shops and GET /shops/{id} from the view tables. */
public class QueryApiHandler extends ApiGatewayProxyRequestEventFunction {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of(
            "ZEROSYNC_SHOP_DETAIL_TABLE", "ZEROSYNC_SHOP_LIST_TABLE", "ZEROSYNC_CURSOR_KEY", "ZEROSYNC_CATEGORY_SHARDS",
            "ZEROSYNC_API_ROUTES");

    public QueryApiHandler() {
        super();
    }

    public QueryApiHandler(ApplicationContext context) {
        super(context);
    }

    /** Beans are built when a call first needs them, not all at start: this function uses few of the jar's. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.lazy();
    }
}
