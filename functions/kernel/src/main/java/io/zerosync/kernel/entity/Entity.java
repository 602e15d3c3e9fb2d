package io.zerosync.kernel.entity;

import java.time.Instant;

/**
 * All the kernel knows of a write-side entity: its ID, the version its last change reached, when that
 * change happened, and whether it is a tombstone. Everything else is the projections' business.
 */
public interface Entity {
    String id();

    long version();

    Instant updatedAt();

    boolean deleted();
}
