package io.zerosync.functions.http;

import io.micronaut.context.ApplicationContext;
import io.zerosync.functions.config.ClientPriming;
import io.zerosync.functions.priming.ApiPriming;

import java.util.List;

/**
 * Lambda entry point of CommandApiFunction: the write routes (POST/PATCH/PUT/DELETE /shops...), API Gateway
 * proxy events into the same Micronaut controllers the local HTTP server runs. The source API has its own
 * function (SourceApiHandler).
 */
public class CommandApiHandler extends PrimedApiFunction {
    /** Environment variables this function cannot run without; template.yaml must set them. */
    public static final List<String> REQUIRED_ENVIRONMENT = List.of(
            "ZEROSYNC_SHOPS_TABLE", "ZEROSYNC_IDEMPOTENCY_TABLE", "ZEROSYNC_SHOP_CHANGED_TOPIC_ARN",
            "ZEROSYNC_TOMBSTONE_TTL_DAYS", "ZEROSYNC_INDEX_SHARDS", "ZEROSYNC_EXPORT_SETTLE_SECONDS", "ZEROSYNC_AUTH_MODE",
            "ZEROSYNC_CURSOR_KEY", "ZEROSYNC_API_ROUTES");

    public CommandApiHandler() {
        super();
    }

    public CommandApiHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiPriming priming() {
        return new ApiPriming(this, List.of("PATCH /shops/" + ApiPriming.PRIMING_ID),
                () -> getApplicationContext().getBean(ClientPriming.class).commandClients(), () -> null);
    }
}
