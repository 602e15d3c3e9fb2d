package io.zerosync.kernel.port;

import io.zerosync.kernel.recovery.ReimportTask;
import java.util.List;

/** The queue re-import tasks travel on; the worker function consumes it. */
public interface TaskQueue {
    void enqueue(List<ReimportTask> tasks);
}
