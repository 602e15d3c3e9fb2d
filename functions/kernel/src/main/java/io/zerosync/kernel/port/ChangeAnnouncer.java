package io.zerosync.kernel.port;

import io.zerosync.events.EntityChanged;

/** Tells the read side that an entity changed. Implementations publish zero-payload events. */
public interface ChangeAnnouncer {
    void announce(EntityChanged event);
}
