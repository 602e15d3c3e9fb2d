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

    /**
     * This projection's version, stored on every row it writes. Bump it whenever {@link #project}
     * produces different fields for the same shop: event sync then rewrites rows as they come by, and
     * a rebuild re-import rewrites all of them now.
     */
    int version();

    /** The row fields for a live shop. May throw; then that shop fails alone. */
    Map<String, Object> project(Shop shop);
}
