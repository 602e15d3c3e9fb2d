package io.zerosync.aws.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.aws.dynamodb.AttributeValues;
import io.zerosync.kernel.recovery.Drift;
import io.zerosync.kernel.recovery.JobState;
import io.zerosync.kernel.recovery.ReimportJob;
import io.zerosync.kernel.recovery.ReimportMode;
import io.zerosync.kernel.recovery.ReimportScope;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Items of the ReimportJobsTable, one table for three kinds keyed by {@code pk}: {@code job#<id>} (the
 * job and its counters), {@code lock#<view>} (which job holds a view, until when) and {@code task#<taskId>}
 * (a task's checkpoint), plus {@code drift#<jobId>#<class>#<taskId>#<page>} (the IDs a reconcile job's
 * page found in one class). Jobs ({@code kind = job}) and locks ({@code kind = lock}) are in the ByCreatedAt
 * index, so recent jobs and every lock are one query each.
 */
final class JobItems {
    static final String PK = "pk";
    static final String KIND = "kind";
    static final String CREATED_AT = "createdAt";
    /** A lease's end on a lock item and (authoritative) on the job item: an ISO-8601 instant. */
    static final String EXPIRES_AT = "leaseExpiresAt";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobItems() {
    }

    static Map<String, AttributeValue> jobKey(String jobId) {
        return Map.of(PK, s("job#" + jobId));
    }

    static Map<String, AttributeValue> lockKey(String view) {
        return Map.of(PK, s("lock#" + view));
    }

    static Map<String, AttributeValue> taskKey(String taskId) {
        return Map.of(PK, s("task#" + taskId));
    }

    static Map<String, AttributeValue> toItem(ReimportJob job, Collection<String> views) {
        Map<String, AttributeValue> item = new HashMap<>(jobKey(job.jobId()));
        item.put(KIND, s("job"));
        item.put("jobId", s(job.jobId()));
        item.put("view", s(job.view()));
        item.put("views", AttributeValue.fromSs(List.copyOf(views)));
        // A summary: an ID scope keeps its count and first IDs, so the item stays small whatever the scope.
        item.put("scope", s(json(job.scope().summary().toJson())));
        item.put("mode", s(job.mode().json()));
        item.put("state", s(job.state().json()));
        item.put(CREATED_AT, s(job.createdAt().toString()));
        if (job.total() != null) {
            item.put("total", n(job.total()));
        }
        item.put("processed", n(job.processed()));
        item.put("failed", n(job.failed()));
        item.put("tasks", n(job.tasks()));
        item.put("tasksDone", n(job.tasksDone()));
        return item;
    }

    @SuppressWarnings("unchecked")
    static ReimportJob fromItem(Map<String, AttributeValue> item) {
        Map<String, Object> scope;
        try {
            scope = JSON.readValue(item.get("scope").s(), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable scope on " + item.get(PK).s(), e);
        }
        AttributeValue failedIds = item.get("failedIds");
        AttributeValue finishedAt = item.get("finishedAt");
        AttributeValue total = item.get("total");
        AttributeValue reason = item.get("reason");
        AttributeValue heartbeatAt = item.get("heartbeatAt");
        return new ReimportJob(item.get("jobId").s(), item.get("view").s(), scope(scope),
                ReimportMode.fromJson(item.get("mode").s()),
                JobState.valueOf(item.get("state").s().toUpperCase(Locale.ROOT)),
                Instant.parse(item.get(CREATED_AT).s()),
                finishedAt == null ? null : Instant.parse(finishedAt.s()),
                total == null ? null : Long.parseLong(total.n()),
                number(item, "processed"), number(item, "failed"),
                failedIds == null ? List.of() : failedIds.ss().stream().limit(ReimportJob.FAILED_IDS_CAP).toList(),
                (int) number(item, "tasks"), (int) number(item, "tasksDone"),
                reason == null ? null : reason.s(), heartbeatAt == null ? null : Instant.parse(heartbeatAt.s()),
                driftCounts(item));
    }

    private static Map<String, Long> driftCounts(Map<String, AttributeValue> item) {
        Map<String, Long> counts = new HashMap<>();
        Drift.CLASSES.forEach(c -> counts.put(c, number(item, driftCount(c))));
        return counts;
    }

    /** The job item's counter of one drift class. */
    static String driftCount(String driftClass) {
        return "drift_" + driftClass;
    }

    static String driftKind(String jobId, String driftClass) {
        return "drift#" + jobId + "#" + driftClass;
    }

    /**
     * One task page's drift in one class: {@code drift#<jobId>#<class>#<taskId>#<page>}, where the page is
     * named by the cursor the page started from (hashed: cursors can be long), so a page has one item.
     */
    static Map<String, AttributeValue> driftItem(String jobId, String driftClass, String taskId, String pageCursor,
                                                 List<String> ids) {
        String position = taskId + "#" + pageName(pageCursor);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(driftKind(jobId, driftClass) + "#" + position));
        item.put(KIND, s(driftKind(jobId, driftClass)));
        item.put(CREATED_AT, s(position));
        item.put("ids", AttributeValue.fromSs(List.copyOf(new java.util.LinkedHashSet<>(ids))));
        return item;
    }

    private static final java.util.regex.Pattern POSITION =
            java.util.regex.Pattern.compile("[A-Za-z0-9_:.\\-]{1,200}#(0|[0-9a-f]{16})");

    /** The index key to resume a drift query after {@code position} (a previous page's cursor). */
    static Map<String, AttributeValue> driftStartKey(String jobId, String driftClass, String position) {
        if (!POSITION.matcher(position).matches()) {
            throw new IllegalArgumentException("not a drift cursor");
        }
        return Map.of(PK, s(driftKind(jobId, driftClass) + "#" + position), KIND, s(driftKind(jobId, driftClass)),
                CREATED_AT, s(position));
    }

    private static String pageName(String cursor) {
        if (cursor == null) {
            return "0";
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(cursor.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jobs stored before scopes were summarised hold their whole ID list; both read back. */
    private static ReimportScope scope(Map<String, Object> json) {
        if ("ids".equals(json.get("type")) && json.get("count") instanceof Number count) {
            @SuppressWarnings("unchecked")
            List<String> first = (List<String>) json.getOrDefault("first", List.of());
            return new ReimportScope.IdsSample(count.intValue(), first);
        }
        return ReimportScope.parse(json).summary();
    }

    static Map<String, AttributeValue> lockItem(String view, String jobId, Instant createdAt, Instant expiresAt) {
        Map<String, AttributeValue> lock = new HashMap<>(lockKey(view));
        lock.put(KIND, s("lock"));
        lock.put(CREATED_AT, s(createdAt.toString()));
        lock.put("view", s(view));
        lock.put("jobId", s(jobId));
        lock.put(EXPIRES_AT, n(expiresAt.toEpochMilli()));
        return lock;
    }

    static List<String> views(Map<String, AttributeValue> item) {
        return item.get("views").ss();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValues.of(value);
    }
}
