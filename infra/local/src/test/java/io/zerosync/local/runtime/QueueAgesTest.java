package io.zerosync.local.runtime;

import io.micronaut.context.ApplicationContext;
import io.zerosync.functions.config.OldestMessageAge;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueAgesTest {
    private final QueueAges ages = new QueueAges();

    @Test
    void theOldestInFlightMessageCounts_untilItsBatchIsSettled() {
        String queue = "http://localhost/q-" + System.nanoTime();
        long now = System.currentTimeMillis();
        long[] old = {now - 90_000, now - 5_000};
        long[] young = {now - 5_000};
        assertEquals(OptionalLong.empty(), ages.oldestSeconds(queue), "nothing received yet");

        QueueAges.received(queue, old);
        QueueAges.received(queue, young);
        assertTrue(ages.oldestSeconds(queue).getAsLong() >= 90, "the oldest of both batches");

        QueueAges.settled(queue, old);
        long left = ages.oldestSeconds(queue).getAsLong();
        assertTrue(left >= 5 && left < 90, "the same timestamp in another batch is still in flight: " + left);
        QueueAges.settled(queue, young);
        assertEquals(OptionalLong.empty(), ages.oldestSeconds(queue));
    }

    @Test
    void settlingAQueueNeverSeenIsHarmless() {
        QueueAges.settled("http://localhost/never-" + System.nanoTime(), new long[] {1});
    }

    /** The admin API's wiring finds the local cloud's ages through the functions' port. */
    @Test
    void anApplicationContextInTheLocalCloudsJvmFindsItAsTheFunctionsPort() {
        try (ApplicationContext context = ApplicationContext.builder().start()) {
            assertInstanceOf(QueueAges.class, context.getBean(OldestMessageAge.class));
        }
    }
}
