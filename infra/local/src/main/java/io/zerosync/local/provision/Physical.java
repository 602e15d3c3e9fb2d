package io.zerosync.local.provision;

/** A provisioned resource: its physical name, ARN and (queues) URL. */
public record Physical(String logicalId, String type, String name, String arn, String url) {
}
