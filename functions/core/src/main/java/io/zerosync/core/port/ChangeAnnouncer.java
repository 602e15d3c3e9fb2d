package io.zerosync.core.port;

import io.zerosync.events.ShopChanged;

/** Tells the read side that a shop changed. Implementations publish zero-payload events. */
public interface ChangeAnnouncer {
    void announce(ShopChanged event);
}
