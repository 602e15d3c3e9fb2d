package io.zerosync.local.runtime;

import io.zerosync.functions.config.OldestMessageAge;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * When the messages being processed right now were sent, per queue, shared by everything in this JVM:
 * the local cloud's pollers record them, the admin API reads the oldest. SQS's API cannot tell a
 * message's age without receiving it (which would count towards the DLQ), and CloudWatch's
 * ApproximateAgeOfOldestMessage exists only on AWS. Every application context in the local cloud's JVM
 * finds this bean (it is on the classpath there only), so the admin API sees what the pollers record.
 */
@Singleton
public class QueueAges implements OldestMessageAge {
    private static final Map<String, ConcurrentSkipListMap<Long, Integer>> IN_FLIGHT = new ConcurrentHashMap<>();

    /** A batch was received from {@code queueUrl}; {@code sentMillis} are its messages' SentTimestamps. */
    public static void received(String queueUrl, long[] sentMillis) {
        var sent = IN_FLIGHT.computeIfAbsent(queueUrl, q -> new ConcurrentSkipListMap<>());
        for (long s : sentMillis) {
            sent.merge(s, 1, Integer::sum);
        }
    }

    /** The batch is settled (deleted or left for redelivery). */
    public static void settled(String queueUrl, long[] sentMillis) {
        var sent = IN_FLIGHT.get(queueUrl);
        if (sent == null) {
            return;
        }
        for (long s : sentMillis) {
            sent.computeIfPresent(s, (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    @Override
    public OptionalLong oldestSeconds(String queueUrl) {
        var sent = IN_FLIGHT.get(queueUrl);
        if (sent == null || sent.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, (Instant.now().toEpochMilli() - sent.firstKey()) / 1000));
    }
}
