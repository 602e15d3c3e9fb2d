package io.zerosync.local.orders;

import io.zerosync.kernel.port.EntityDecoder;

import java.time.Instant;
import java.util.Map;

/** Orders as {@link OrderSource} answers them: {@code "orders": [{"orderId", "version", "updatedAt", ...}]}. */
public final class OrderDecoder implements EntityDecoder<Order> {

    @Override
    public String entityType() {
        return Order.ENTITY_TYPE;
    }

    @Override
    public String itemsField() {
        return "orders";
    }

    @Override
    public Order decode(Map<String, Object> item) {
        if (!(item.get("orderId") instanceof String id) || !(item.get("version") instanceof Number version)
                || !(item.get("updatedAt") instanceof String updatedAt)) {
            throw new IllegalArgumentException("an order needs orderId, version and updatedAt");
        }
        if (Boolean.TRUE.equals(item.get("deleted"))) {
            return new Order(id, version.longValue(), Instant.parse(updatedAt), null, 0, true);
        }
        if (!(item.get("customer") instanceof String customer) || !(item.get("totalCents") instanceof Number total)) {
            throw new IllegalArgumentException("a live order needs customer and totalCents");
        }
        return new Order(id, version.longValue(), Instant.parse(updatedAt), customer, total.longValue(), false);
    }
}
