package io.zerosync.local.orders;

import io.zerosync.kernel.sync.Projection;

import java.util.Map;

/** The second aggregate's read model: who ordered, and for how much. */
public final class OrderSummaryProjection implements Projection<Order> {
    public static final String VIEW = "order-summary";

    @Override
    public String view() {
        return VIEW;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Map<String, Object> project(Order order) {
        return Map.of("customer", order.customer(), "totalCents", order.totalCents());
    }
}
