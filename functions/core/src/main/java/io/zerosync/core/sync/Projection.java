package io.zerosync.core.sync;

import io.zerosync.core.domain.Shop;

import java.util.Map;

/**
 * How one read model sees a shop: the fields its row stores, and nothing more (minimum data).
 * Implementations need a public no-argument constructor; template.yaml names the class, so a new
 * read model is a projection plus its table, queue and subscription.
 */
public interface Projection {

    /** The view's name in the admin API and in logs, e.g. {@code shop-detail}. */
    String view();

    /** The row fields for a live shop. May throw; then that shop fails alone. */
    Map<String, Object> project(Shop shop);
}
