package io.zerosync.functions.admin;

import io.zerosync.kernel.recovery.ReimportJob;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin API's JSON shape of a re-import job: an ID scope shows its size and first IDs, not 10,000 IDs;
 * {@code reason} says why a job failed as a whole (lease expired, a task exhausted its retries). A reconcile
 * job adds {@code repair} and {@code drift} (count per class).
 */
final class JobJson {
    private JobJson() {
    }

    static Map<String, Object> of(ReimportJob job, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("jobId", job.jobId());
        json.put("view", job.view());
        json.put("scope", job.scope().summary().toJson());
        json.put("mode", job.mode().json());
        json.put("state", job.state().json());
        json.put("createdAt", job.createdAt().toString());
        json.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
        json.put("heartbeatAt", job.heartbeatAt() == null ? null : job.heartbeatAt().toString());
        json.put("reason", job.reason());
        json.put("total", job.total());
        json.put("processed", job.processed());
        json.put("failed", job.failed());
        json.put("failedIds", job.failedIds()); // the first ReimportJob.FAILED_IDS_CAP; "failed" is the count
        json.put("tasks", job.tasks());
        json.put("tasksDone", job.tasksDone());
        if (job.mode().reconciles()) {
            json.put("repair", job.mode() == io.zerosync.kernel.recovery.ReimportMode.RECONCILE_REPAIR);
            json.put("drift", job.drift()); // found per class; the IDs: GET /admin/reconciles/{jobId}/drift
        }
        json.put("ratePerSecond", Math.round(job.ratePerSecond(now) * 10) / 10.0);
        json.put("etaSeconds", job.etaSeconds(now));
        return json;
    }
}
