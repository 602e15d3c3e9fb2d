package io.zerosync.kernel.recovery;

import io.zerosync.kernel.input.InvalidInputException;

import java.util.Locale;

/**
 * rebuild: the worker runs {@code sync(view, ids)} itself. republish: the worker sends zero-payload
 * events to that one view's queue, and the view's own sync function does the rest. reconcile: the worker
 * compares source and view page by page and stores the drift it finds (a reconcile job);
 * reconcile-repair: the same, and each page's drift is repaired through the engine as it is found.
 */
public enum ReimportMode {
    REBUILD, REPUBLISH, RECONCILE, RECONCILE_REPAIR;

    /** The modes an operator may ask of a re-import ({@code null}: rebuild). Reconcile jobs have their own route. */
    public static ReimportMode parse(Object value) {
        if (value == null) {
            return REBUILD;
        }
        if (value instanceof String s && (REBUILD.json().equals(s) || REPUBLISH.json().equals(s))) {
            return fromJson(s);
        }
        throw InvalidInputException.invalid("mode", "must be \"rebuild\" or \"republish\"");
    }

    /** Any mode as stored on a job or a task message. */
    public static ReimportMode fromJson(String value) {
        for (ReimportMode m : values()) {
            if (m.json().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown job mode " + value);
    }

    public boolean reconciles() {
        return this == RECONCILE || this == RECONCILE_REPAIR;
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
