package io.zerosync.kernel.sync;

/** Observes every sync (lag logging and metrics live behind this, outside the core). */
@FunctionalInterface
public interface SyncListener {
    SyncListener NONE = (view, report) -> { };

    void synced(String view, SyncReport report);
}
