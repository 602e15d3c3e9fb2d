package io.zerosync.aws.cloudwatch;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * The age of a queue's oldest message from CloudWatch (AWS/SQS ApproximateAgeOfOldestMessage, the
 * latest one-minute maximum): SQS's own API cannot tell it without receiving messages.
 */
public final class CloudWatchQueueAge implements Function<String, Long> {
    private final CloudWatchClient cloudWatch;

    public CloudWatchQueueAge(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /** @param queueUrl the queue; its name is the metric's QueueName dimension */
    @Override
    public Long apply(String queueUrl) {
        String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        Instant now = Instant.now();
        return cloudWatch.getMetricStatistics(r -> r.namespace("AWS/SQS").metricName("ApproximateAgeOfOldestMessage")
                        .dimensions(d -> d.name("QueueName").value(name))
                        .startTime(now.minus(Duration.ofMinutes(5))).endTime(now).period(60)
                        .statistics(Statistic.MAXIMUM))
                .datapoints().stream().max(Comparator.comparing(Datapoint::timestamp))
                .map(d -> d.maximum().longValue()).orElse(null);
    }
}
