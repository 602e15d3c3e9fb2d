package io.zerosync.kernel.recovery;

import java.util.Locale;

public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
