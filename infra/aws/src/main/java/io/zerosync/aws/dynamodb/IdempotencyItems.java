package io.zerosync.aws.dynamodb;

import io.zerosync.shop.port.IdempotencyClaim;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.Map;

/** Maps an {@link IdempotencyClaim} to its IdempotencyTable item and back. */
final class IdempotencyItems {
    static final String KEY = "idempotencyKey";

    private IdempotencyItems() {
    }

    static Map<String, AttributeValue> toItem(IdempotencyClaim claim, Duration ttl) {
        return Map.of(
                KEY, ShopItems.s(claim.key()),
                "requestHash", ShopItems.s(claim.requestHash()),
                "shopId", ShopItems.s(claim.shopId()),
                "version", ShopItems.n(claim.version()),
                "createdAt", ShopItems.s(Timestamps.format(claim.createdAt())),
                "expiresAt", ShopItems.n(claim.createdAt().plus(ttl).getEpochSecond()));
    }

    static IdempotencyClaim fromItem(Map<String, AttributeValue> item) {
        return new IdempotencyClaim(item.get(KEY).s(), item.get("requestHash").s(), item.get("shopId").s(),
                Long.parseLong(item.get("version").n()), Timestamps.parse(item.get("createdAt").s()));
    }
}
