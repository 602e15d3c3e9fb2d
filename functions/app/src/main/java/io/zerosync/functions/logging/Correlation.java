package io.zerosync.functions.logging;

import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * The correlation IDs every JSON log line carries from the MDC, so one query follows a change from the
 * command that made it to each view's sync: {@code eventId} (the EntityChanged announcement's ID, which the
 * event itself carries), {@code shopId}, {@code jobId}/{@code taskId} (re-imports), {@code messageId} (the
 * SQS message), {@code traceId} (the X-Ray trace's root) and {@code AWSRequestId} (the invocation).
 * A scope puts its entries and, on close, puts back what was there before.
 */
public final class Correlation implements AutoCloseable {
    public static final String EVENT_ID = "eventId";
    public static final String ENTITY_ID = "entityId";
    public static final String JOB_ID = "jobId";
    public static final String TASK_ID = "taskId";
    public static final String MESSAGE_ID = "messageId";
    public static final String TRACE_ID = "traceId";
    /** The name Micronaut's request handlers give it in the MDC too (beside AWSFunctionName, AWSFunctionVersion, ...). */
    public static final String REQUEST_ID = "AWSRequestId";

    private final Map<String, String> previous = new HashMap<>();

    private Correlation() {
    }

    /** Puts key/value pairs (null values are skipped) for the life of the returned scope. */
    public static Correlation with(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        Correlation scope = new Correlation();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                scope.previous.putIfAbsent(keyValues[i], MDC.get(keyValues[i]));
                MDC.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return scope;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
