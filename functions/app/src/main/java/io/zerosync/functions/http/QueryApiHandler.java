package io.zerosync.functions.http;

import io.micronaut.context.ApplicationContext;
import io.zerosync.functions.priming.ApiPriming;

import java.util.List;

/** Lambda entry point of QueryApiFunction: GET /shops and GET /shops/{id} from the view tables. */
public class QueryApiHandler extends PrimedApiFunction {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of(
            "ZEROSYNC_VIEW_QUEUE_PREFIX", "ZEROSYNC_CURSOR_KEY", "ZEROSYNC_CATEGORY_SHARDS",
            "ZEROSYNC_API_ROUTES");

    public QueryApiHandler() {
        super();
    }

    public QueryApiHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiPriming priming() {
        return new ApiPriming(this, List.of("GET /shops/" + ApiPriming.PRIMING_ID),
                () -> { }, () -> null);
    }
}
