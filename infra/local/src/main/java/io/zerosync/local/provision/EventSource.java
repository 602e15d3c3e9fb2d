package io.zerosync.local.provision;

/**
 * An SQS event of a function in template.yaml, resolved: which queue, how Lambda would batch it, and
 * which handler class it invokes.
 */
public record EventSource(String functionLogicalId, String eventName, String handler, int timeoutSeconds,
                          String queueUrl, String queueArn, int batchSize, int maximumBatchingWindowSeconds,
                          boolean reportBatchItemFailures, int maximumConcurrency, boolean enabled) {
}
