package io.zerosync.functions.http;

import io.micronaut.context.ApplicationContext;
import io.zerosync.functions.config.LocalOverrides;
import io.zerosync.functions.priming.ApiPriming;

import java.util.List;

/**
 * Lambda entry point of SourceApiFunction: the source API (/internal/shops...) that sync functions, the
 * re-import worker and the admin API call, behind its own API Gateway API (IAM auth, its own throttle) and
 * its own reserved concurrency, so internal and public traffic cannot starve each other.
 */
public class SourceApiHandler extends PrimedApiFunction {
    /** Environment variables this function cannot run without; template.yaml must set them. */
    public static final List<String> REQUIRED_ENVIRONMENT = List.of(
            "ZEROSYNC_SHOPS_TABLE", "ZEROSYNC_AUTH_MODE", "ZEROSYNC_CURSOR_KEY", "ZEROSYNC_API_ROUTES",
            "ZEROSYNC_INDEX_SHARDS", "ZEROSYNC_EXPORT_SETTLE_SECONDS");

    public SourceApiHandler() {
        super();
    }

    public SourceApiHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiPriming priming() {
        return new ApiPriming(this, List.of("GET /internal/shops/" + ApiPriming.PRIMING_ID),
                () -> { }, () -> getApplicationContext().getBean(LocalOverrides.class).getAdminToken());
    }
}
