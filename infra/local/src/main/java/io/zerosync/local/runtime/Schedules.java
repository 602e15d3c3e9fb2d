package io.zerosync.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.zerosync.local.provision.Stack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Invokes the handlers of Schedule events (EventBridge rate rules) at their rate, as EventBridge would. */
public final class Schedules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schedules");
        t.setDaemon(true);
        return t;
    });
    private final List<AutoCloseable> handlers = new ArrayList<>();

    public void start(Stack.Schedule schedule, FunctionEnvironment environment) {
        RequestHandler<ScheduledEvent, Object> handler = HandlerFactory.create(schedule.handler(), environment);
        if (handler instanceof AutoCloseable closeable) {
            handlers.add(closeable);
        }
        long every = schedule.every().toMillis();
        timer.scheduleAtFixedRate(() -> {
            try {
                ScheduledEvent event = new ScheduledEvent();
                event.setSource("aws.events");
                event.setDetailType("Scheduled Event");
                event.setTime(new org.joda.time.DateTime());
                handler.handleRequest(event, null);
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", schedule.functionLogicalId(), e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (AutoCloseable h : handlers) {
            try {
                h.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
    }
}
