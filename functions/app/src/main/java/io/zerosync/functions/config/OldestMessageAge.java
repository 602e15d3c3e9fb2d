package io.zerosync.functions.config;

import java.util.OptionalLong;

/**
 * Off AWS, where CloudWatch's ApproximateAgeOfOldestMessage does not exist: the age of the oldest message
 * being processed on a queue, from whatever runs the pollers (the local cloud registers one). On Lambda
 * no bean implements it and queue ages come from CloudWatch.
 */
public interface OldestMessageAge {
    /** Seconds since the oldest message in flight on that queue was sent; empty when none is. */
    OptionalLong oldestSeconds(String queueUrl);
}
