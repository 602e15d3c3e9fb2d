package io.zerosync.functions.config;

import io.zerosync.aws.sqs.QueueTagViewDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * The views as their queues register them, looked up again once the last lookup is a minute old: a view added
 * to the stack reaches the admin API, the worker and the query function without a deploy of theirs, and a
 * SnapStart snapshot (taken after priming looked them up) does not freeze the list at publish time. What is
 * built from the registrations (projections, source clients, stores) is built again only when they change.
 */
public final class RegisteredViews {
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(RegisteredViews.class);

    private final Supplier<List<QueueTagViewDirectory.Registration>> directory;
    private final Clock clock;
    private Instant lookedUpAt;
    private List<QueueTagViewDirectory.Registration> registrations;
    private ViewDefinitions definitions;

    public RegisteredViews(Supplier<List<QueueTagViewDirectory.Registration>> directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The views registered now (at most {@link #MAX_AGE} old); the first lookup's failure is the caller's. */
    public synchronized ViewDefinitions current() {
        Instant now = clock.instant();
        boolean stale = lookedUpAt == null || now.isBefore(lookedUpAt)
                || Duration.between(lookedUpAt, now).compareTo(MAX_AGE) >= 0;
        if (stale) {
            try {
                List<QueueTagViewDirectory.Registration> found = List.copyOf(directory.get());
                if (!found.equals(registrations)) {
                    definitions = ViewDefinitions.of(found);
                    registrations = found;
                }
            } catch (RuntimeException e) {
                if (definitions == null) {
                    throw e;
                }
                // SQS unreachable for a moment: keep serving the views found last, look again in a minute.
                LOG.warn("view lookup failed {} {}", kv("event", "view_lookup_failed"), kv("reason", String.valueOf(e)));
            }
            lookedUpAt = now;
        }
        return definitions;
    }

    /** A value made from the registered views, made again only when they change. */
    public <T> Supplier<T> derived(Function<ViewDefinitions, T> make) {
        return new Supplier<>() {
            private ViewDefinitions from;
            private T value;

            @Override
            public synchronized T get() {
                ViewDefinitions now = current();
                if (now != from) {
                    value = make.apply(now);
                    from = now;
                }
                return value;
            }
        };
    }
}
