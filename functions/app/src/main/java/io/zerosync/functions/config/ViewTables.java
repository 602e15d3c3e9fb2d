package io.zerosync.functions.config;

import io.zerosync.kernel.port.ViewStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every registered view's rows by view name, for the query side's generic read; no source, no projection. */
public record ViewTables(Map<String, ViewStore> byName) {
    public ViewTables {
        byName = Map.copyOf(byName);
    }

    public Optional<ViewStore> named(String view) {
        return Optional.ofNullable(byName.get(view));
    }

    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }
}
