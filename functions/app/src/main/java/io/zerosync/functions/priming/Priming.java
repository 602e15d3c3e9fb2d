package io.zerosync.functions.priming;

import org.crac.Core;
import org.crac.Resource;

/**
 * Registers a function's SnapStart hooks with the runtime. On Lambda with SnapStart, {@code beforeCheckpoint}
 * runs once when a version is published, before the snapshot, and {@code afterRestore} in every instance
 * restored from it. On any other JVM (Lambda without SnapStart, the local cloud, tests) nothing calls them;
 * tests call them directly.
 */
public final class Priming {
    private Priming() {
    }

    /** Registers {@code hooks}; the caller keeps the reference (the runtime's context may hold it weakly). */
    public static <R extends Resource> R register(R hooks) {
        Core.getGlobalContext().register(hooks);
        return hooks;
    }
}
