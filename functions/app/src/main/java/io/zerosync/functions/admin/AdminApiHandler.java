package io.zerosync.functions.admin;

import io.micronaut.context.ApplicationContext;
import io.zerosync.functions.config.LocalOverrides;
import io.zerosync.functions.http.PrimedApiFunction;
import io.zerosync.functions.priming.ApiPriming;

import java.util.List;

/** Lambda entry point of AdminApiFunction: the /admin routes (AWS_IAM auth in template.yaml). */
public class AdminApiHandler extends PrimedApiFunction {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of("ZEROSYNC_VIEW_QUEUE_PREFIX", "ZEROSYNC_REIMPORT_JOBS_TABLE",
            "ZEROSYNC_REIMPORT_TASK_QUEUE_URL", "ZEROSYNC_SOURCE_API_URL", "ZEROSYNC_AUTH_MODE", "ZEROSYNC_CURSOR_KEY",
            "ZEROSYNC_REIMPORT_LEASE_SECONDS", "ZEROSYNC_CATEGORY_SHARDS", "ZEROSYNC_API_ROUTES");

    public AdminApiHandler() {
        super();
    }

    public AdminApiHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiPriming priming() {
        return new ApiPriming(this, List.of("GET /admin/views", "GET /admin/reimports/" + ApiPriming.PRIMING_ID),
                () -> { }, () -> getApplicationContext().getBean(LocalOverrides.class).getAdminToken());
    }
}
