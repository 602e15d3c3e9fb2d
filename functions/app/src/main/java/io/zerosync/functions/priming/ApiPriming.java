package io.zerosync.functions.priming;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.crac.Context;
import org.crac.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SnapStart hooks of an API function: before the snapshot, sample requests go through the function's own
 * handler (API Gateway event decoding, routing, filters, the controller, the use case, its DynamoDB reads,
 * error mapping and response encoding), each aimed at a shop or job nobody has so that it only reads and
 * answers 404; then {@code clients} makes the function's SDK clients each do one cheap call that changes
 * nothing. After a restore there is nothing to refresh: the SDK clients re-open connections that went stale.
 */
public final class ApiPriming implements Resource {
    /** The shop and job ID priming asks for: writers issue {@code shp_<hex>} and job IDs of their own. */
    public static final String PRIMING_ID = "zerosync-priming";

    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function;
    private final List<String> requests;
    private final Runnable clients;
    private final java.util.function.Supplier<String> bearer;
    private volatile List<Integer> answered = List.of();
    private volatile int restores;

    /**
     * @param requests "METHOD /path" lines, sent in order
     * @param bearer   the token to send (the local cloud's bearer mode), or a supplier of null (IAM on AWS)
     */
    public ApiPriming(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function,
                      List<String> requests, Runnable clients, java.util.function.Supplier<String> bearer) {
        this.function = function;
        this.requests = List.copyOf(requests);
        this.clients = clients;
        this.bearer = bearer;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        List<Integer> statuses = new ArrayList<>();
        for (String request : requests) {
            String[] parts = request.split(" ", 2);
            statuses.add(function.handleRequest(event(parts[0], parts[1], bearer.get()), PrimingContext.INSTANCE).getStatusCode());
        }
        clients.run();
        answered = List.copyOf(statuses);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restores++;
    }

    /** The status codes the priming requests were answered with (empty before a checkpoint). */
    public List<Integer> answered() {
        return answered;
    }

    public int restores() {
        return restores;
    }

    /** A request in the shape of the samples: the PATCH sample for writes (its merge-patch body), else a GET. */
    static APIGatewayProxyRequestEvent event(String method, String path, String bearer) {
        APIGatewayProxyRequestEvent event = SampleEvents.apiGateway("PATCH".equals(method)
                ? "apigw-patch-shop.json" : "apigw-delete-shop.json");
        event.setHttpMethod(method);
        event.setPath(path);
        event.setResource(path);
        event.setPathParameters(null);
        event.getRequestContext().setHttpMethod(method);
        event.getRequestContext().setPath(path);
        event.getRequestContext().setResourcePath(path);
        if (!"PATCH".equals(method)) {
            event.setBody(null);
        }
        if (bearer != null) {
            Map<String, String> headers = new HashMap<>(event.getHeaders());
            headers.put("Authorization", "Bearer " + bearer);
            event.setHeaders(headers);
            Map<String, List<String>> multi = new HashMap<>(event.getMultiValueHeaders());
            multi.put("Authorization", List.of("Bearer " + bearer));
            event.setMultiValueHeaders(multi);
        }
        return event;
    }
}
