package io.zerosync.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.functions.config.ViewDefinitions;
import io.zerosync.local.LocalCloud;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the run proves: a content-exact reconcile of every view against the source (no repair), and no
 * acknowledged command lost (each view's row at or past the highest acknowledged version, or the row
 * absent or deleted when the last acknowledged command was the delete).
 */
final class ViewAudit {
    private static final int SAMPLE = 10;
    private final LocalCloud cloud;
    private final Http http;

    ViewAudit(LocalCloud cloud, Http http) {
        this.cloud = cloud;
        this.http = http;
    }

    List<String> views() throws IOException {
        List<String> names = new ArrayList<>();
        http.admin("GET", "/admin/views", null).path("views").forEach(v -> names.add(v.path("view").asText()));
        return names;
    }

    /** A reconcile job that has not ended by then fails the audit rather than hang the run. */
    private static final java.time.Duration RECONCILE_DEADLINE = java.time.Duration.ofMinutes(30);

    /**
     * Drift by class, read generically from a full reconcile job per view (POST /admin/reconciles, no
     * repair), waited for until it ends: every member of the finished job's {@code drift}.
     */
    Map<String, Map<String, Long>> drift(List<String> views) throws IOException {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String view : views) {
            JsonNode job = http.admin("POST", "/admin/reconciles",
                    "{\"view\":\"" + view + "\",\"scope\":{\"type\":\"full\"},\"repair\":false}");
            String path = "/admin/reconciles/" + job.path("jobId").asText();
            long deadline = System.nanoTime() + RECONCILE_DEADLINE.toNanos();
            while (!finished(job)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("reconcile job " + path + " did not end within " + RECONCILE_DEADLINE);
                }
                pause();
                job = http.admin("GET", path, null);
            }
            if (!"succeeded".equals(job.path("state").asText())) {
                throw new IOException("reconcile job " + path + " ended " + job.path("state").asText() + ": "
                        + job.path("reason").asText());
            }
            Map<String, Long> classes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = job.path("drift").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                classes.put(e.getKey(), e.getValue().asLong());
            }
            out.put(view, classes);
        }
        return out;
    }

    private static boolean finished(JsonNode job) {
        String state = job.path("state").asText();
        return state.equals("succeeded") || state.equals("failed") || state.equals("cancelled");
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a reconcile job", e);
        }
    }

    /** Per view: shops whose acknowledged final state is not in the view (with a sample of IDs). */
    Map<String, Object> lost(Ledger ledger) {
        Map<String, Ledger.Acked> acked = ledger.shops();
        List<String> ids = new ArrayList<>(acked.keySet());
        Map<String, Object> out = new LinkedHashMap<>();
        java.util.Set<String> lostAnywhere = new java.util.TreeSet<>();
        Map<String, Object> byView = new LinkedHashMap<>();
        for (ViewDefinitions.Definition view : views(cloud)) {
            Map<String, Map<String, AttributeValue>> rows = rows(view.table(), ids);
            List<String> lost = new ArrayList<>();
            acked.forEach((id, a) -> {
                Map<String, AttributeValue> row = rows.get(id);
                boolean ok = row == null ? a.deleted() : Long.parseLong(row.get("version").n()) >= a.version();
                if (!ok) {
                    lost.add(id + (row == null ? " (absent)" : " (v" + row.get("version").n() + " < v" + a.version() + ")"));
                }
            });
            lost.forEach(l -> lostAnywhere.add(l.substring(0, l.indexOf(' '))));
            byView.put(view.projection().view(), Map.of("count", lost.size(),
                    "sample", lost.subList(0, Math.min(SAMPLE, lost.size()))));
        }
        out.put("count", lostAnywhere.size());
        out.put("byView", byView);
        return out;
    }

    private Map<String, Map<String, AttributeValue>> rows(String table, List<String> ids) {
        Map<String, Map<String, AttributeValue>> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .map(id -> Map.of("shopId", AttributeValue.fromS(id))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> asked = request;
                var response = cloud.dynamo().batchGetItem(r -> r.requestItems(asked));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> rows.put(item.get("shopId").s(), item));
                request = response.unprocessedKeys();
            }
        }
        return rows;
    }

    /** The views as the admin function finds them (its view queue prefix, the queues' registration tags). */
    static List<ViewDefinitions.Definition> views(LocalCloud cloud) {
        for (String fn : cloud.stack().functions()) {
            String prefix = cloud.environmentOf(fn).variables().get("ZEROSYNC_VIEW_QUEUE_PREFIX");
            if (prefix != null) {
                return ViewDefinitions.discover(new io.zerosync.aws.sqs.QueueTagViewDirectory(cloud.sqs(), prefix)).definitions();
            }
        }
        throw new IllegalStateException("no function of the template has ZEROSYNC_VIEW_QUEUE_PREFIX");
    }
}
