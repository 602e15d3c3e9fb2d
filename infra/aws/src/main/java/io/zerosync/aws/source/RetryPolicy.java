package io.zerosync.aws.source;

import io.zerosync.aws.Jitter;

import java.time.Duration;

/**
 * Exponential backoff with full jitter, bounded twice: by attempts and by a total time budget, so a
 * batch always finishes (or fails and is retried by SQS) inside the function's timeout.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration budget) {

    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(12));
    }

    /** The pause before attempt {@code attempt + 1}, having made {@code attempt} attempts. */
    public Duration delayAfter(int attempt) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(Jitter.between(0, cap + 1));
    }
}
