package io.zerosync.core.recovery;

import io.zerosync.core.domain.InvalidInputException;

import java.util.Locale;

/**
 * rebuild: the worker runs {@code sync(view, ids)} itself. republish: the worker sends zero-payload
 * events to that one view's queue, and the view's own sync function does the rest.
 */
public enum ReimportMode {
    REBUILD, REPUBLISH;

    public static ReimportMode parse(Object value) {
        if (value == null) {
            return REBUILD;
        }
        if (value instanceof String s) {
            for (ReimportMode m : values()) {
                if (m.json().equals(s)) {
                    return m;
                }
            }
        }
        throw InvalidInputException.invalid("mode", "must be \"rebuild\" or \"republish\"");
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
