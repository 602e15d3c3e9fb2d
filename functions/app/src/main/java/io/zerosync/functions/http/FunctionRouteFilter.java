package io.zerosync.functions.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.zerosync.functions.config.ZerosyncConfig;

/**
 * Refuses, with a 404 in the usual error shape, a request for a route its function does not own (see
 * {@link FunctionRoutes}), before authentication or any controller sees it. {@code /health} is always served.
 * Public write routes and the source API are apart on AWS anyway (separate APIs); this keeps a misrouted
 * request (a wrong integration, a copied event) from being served by a function that does not own it.
 */
@ServerFilter("/**")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FunctionRouteFilter {
    private final FunctionRoutes routes;

    public FunctionRouteFilter(ZerosyncConfig config) {
        this.routes = FunctionRoutes.parse(config.getApiRoutes());
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> onlyOwnRoutes(HttpRequest<?> request) {
        String path = request.getPath();
        // A path that cannot be decoded (e.g. "/shops/%zz") reads as "/": no route lives there, so let it
        // through to the 400 it gets anyway.
        if (path.equals("/") || path.equals("/health") || routes.serves(request.getMethodName(), path)) {
            return null;
        }
        return ApiError.of(HttpStatus.NOT_FOUND, "not_found",
                request.getMethodName() + " " + path + " is not a route of this function");
    }
}
