package io.zerosync.kernel.port;

import io.zerosync.kernel.entity.Entity;

import java.util.Map;

/**
 * How a source's answers read as entities of one type: the source contract (batch-get, export, stats) is the
 * same for every type; the items and their fields are the application's. Implementations need a public
 * no-argument constructor: a view's declaration names the class.
 */
public interface EntityDecoder<E extends Entity> {

    /** The type announced for these entities ({@code EntityChanged.entityType}), e.g. {@code Order}. */
    String entityType();

    /** The array of the source's answers that holds the items, e.g. {@code orders}. */
    String itemsField();

    /**
     * One item of an answer (a JSON object as plain maps, lists, strings, numbers and booleans), validated:
     * throws when it is not an entity of this type. A tombstone is an item whose {@code deleted} is true.
     */
    E decode(Map<String, Object> item);
}
