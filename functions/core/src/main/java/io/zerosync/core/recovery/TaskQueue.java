package io.zerosync.core.recovery;

import java.util.List;

/** The queue re-import tasks travel on; the worker function consumes it. */
public interface TaskQueue {
    void enqueue(List<ReimportTask> tasks);
}
