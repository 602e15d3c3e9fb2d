package io.zerosync.functions.outbox;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.zerosync.core.command.AnnouncementSweeper;
import io.zerosync.functions.config.ZerosyncConfig;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/** Lambda entry point of OutboxSweeperFunction, run on a schedule: announces what was not announced. */
public class OutboxSweeperHandler extends MicronautRequestHandler<ScheduledEvent, Integer> {
    public static final List<String> REQUIRED_ENVIRONMENT = List.of(
            "ZEROSYNC_SHOPS_TABLE", "ZEROSYNC_SHOP_CHANGED_TOPIC_ARN", "ZEROSYNC_OUTBOX_GRACE_SECONDS");
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSweeperHandler.class);

    @Inject
    AnnouncementSweeper sweeper;
    @Inject
    ZerosyncConfig config;

    public OutboxSweeperHandler() {
        super();
    }

    public OutboxSweeperHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Integer execute(ScheduledEvent event) {
        int announced = sweeper.sweep(Duration.ofSeconds(config.getOutboxGraceSeconds()));
        if (announced > 0) {
            LOG.warn("{\"event\":\"outbox_swept\",\"announced\":{}}", announced);
        }
        return announced;
    }
}
