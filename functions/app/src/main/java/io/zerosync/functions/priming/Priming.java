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

    /** Hooks that only prime: {@code prime} runs before the snapshot; a restore has nothing to refresh. */
    public static Resource beforeCheckpoint(Runnable prime) {
        return register(new Resource() {
            @Override
            public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
                prime.run();
            }

            @Override
            public void afterRestore(org.crac.Context<? extends Resource> context) {
                // Nothing instance-specific was made before the snapshot; SDK clients re-open stale connections.
            }
        });
    }

    /** Registers {@code hooks}; the caller keeps the reference (the runtime's context may hold it weakly). */
    public static <R extends Resource> R register(R hooks) {
        Core.getGlobalContext().register(hooks);
        return hooks;
    }
}
