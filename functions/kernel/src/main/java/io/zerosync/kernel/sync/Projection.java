package io.zerosync.kernel.sync;

import io.zerosync.kernel.entity.Entity;

import java.util.Map;

/**
 * How one read model sees an entity: the fields its row stores, and nothing more (minimum data).
 * Implementations need a public no-argument constructor; the view's declaration in template.yaml names
 * the class, so a new read model is a projection plus one view block.
 *
 * @param <E> the entity type the view is built from (its source's type)
 */
public interface Projection<E extends Entity> {

    /** The view's name in the admin API and in logs, e.g. {@code order-summary}. */
    String view();

    /**
     * This projection's version, stored on every row it writes. Bump it whenever {@link #project}
     * produces different fields for the same entity: event sync then rewrites rows as they come by, and
     * a rebuild re-import rewrites all of them now.
     */
    int version();

    /** The row fields for a live entity. May throw; then that entity fails alone. */
    Map<String, Object> project(E entity);
}
