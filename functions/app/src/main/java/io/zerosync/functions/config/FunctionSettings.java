package io.zerosync.functions.config;

import java.util.Map;

/**
 * A plain function's settings: the environment template.yaml gives it, read by name. The Micronaut
 * functions read the same variables through {@link ZerosyncConfig}; the plain ones (no application context)
 * read them here, with the same defaults.
 */
public record FunctionSettings(Map<String, String> environment) {

    public FunctionSettings {
        environment = Map.copyOf(environment);
    }

    public String get(String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public String required(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    public int intValue(String name, int fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}
