package io.zerosync.bench.cost;

import io.micronaut.http.context.ServerRequestContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who made an AWS request, from where it was made, so each request is billed to the part of the system
 * that caused it:
 * <ul>
 *   <li>an event source mapping's poller thread ({@code esm-<FunctionLogicalId>-<n>}: its ReceiveMessage and
 *       DeleteMessageBatch, and whatever the handler it invokes calls) bills the group its function is
 *       {@linkplain #function registered} under (a view's name);</li>
 *   <li>the SNS endpoint's delivery threads bill their SendMessage to the group of the queue they deliver to;</li>
 *   <li>a call made while the local HTTP API serves a request bills the group the {@link MeteredGateway} in
 *       front of it wrote into {@link #HEADER} (the write side, or the view whose sync function asked the
 *       source API);</li>
 *   <li>anything else (provisioning, the bench's own checks, schedules) bills {@code thread:<name>}, which
 *       no group counts.</li>
 * </ul>
 */
public final class Callers {
    /** The request header a {@link MeteredGateway} adds: the group the request is billed to. */
    public static final String HEADER = "X-Zerosync-Bench-Caller";
    private static final Map<String, String> FUNCTIONS = new ConcurrentHashMap<>();
    private static final Map<String, String> QUEUES = new ConcurrentHashMap<>();

    private Callers() {
    }

    /** Bills the calls made on the pollers of {@code functionLogicalId} to {@code group}. */
    public static void function(String functionLogicalId, String group) {
        // Pollers are named after the function's physical name: a view block's SyncFunction is ShopDetailView-SyncFunction.
        FUNCTIONS.put(functionLogicalId.replace('.', '-'), group);
    }

    /** Bills the SNS deliveries into {@code queueUrl} to {@code group}. */
    public static void queue(String queueUrl, String group) {
        QUEUES.put(queueUrl, group);
    }

    /** The caller of a request made now on {@code thread}; {@code queueUrl} is the request's, or null. */
    static String of(Thread thread, String queueUrl) {
        String name = thread.getName();
        if (name.startsWith("esm-") && name.lastIndexOf('-') > 4) {
            String function = name.substring(4, name.lastIndexOf('-'));
            return FUNCTIONS.getOrDefault(function, "function:" + function);
        }
        if (name.startsWith("sns-endpoint") && queueUrl != null) {
            return QUEUES.getOrDefault(queueUrl, "sns-delivery:" + queueUrl);
        }
        String tagged = httpCaller();
        return tagged != null ? tagged : "thread:" + name.replaceAll("-?\\d+$", "");
    }

    /** The group of the HTTP request being served on this thread, if the local HTTP API is serving one. */
    private static String httpCaller() {
        return ServerRequestContext.currentRequest()
                .map(request -> request.getHeaders().get(HEADER))
                .orElse(null);
    }
}
