package io.zerosync.shop.port;

import java.time.Instant;

/** Records that a create with this key and this request produced this shop. */
public record IdempotencyClaim(String key, String requestHash, String shopId, long version, Instant createdAt) {
}
