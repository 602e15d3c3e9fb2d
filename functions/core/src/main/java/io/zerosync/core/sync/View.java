package io.zerosync.core.sync;

import io.zerosync.core.port.ViewStore;

/** A read model: how it projects a shop, and where its rows live. */
public record View(Projection projection, ViewStore store) {
    public String name() {
        return projection.view();
    }
}
