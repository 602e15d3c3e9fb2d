package io.zerosync.functions.config;

import io.zerosync.kernel.port.ViewStore;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Every registered view's rows by view name (as registered now), for the query side's generic read. */
public final class ViewTables {
    private final Supplier<Map<String, ViewStore>> byName;

    public ViewTables(Supplier<Map<String, ViewStore>> byName) {
        this.byName = byName;
    }

    public Optional<ViewStore> named(String view) {
        return Optional.ofNullable(byName.get().get(view));
    }
}
