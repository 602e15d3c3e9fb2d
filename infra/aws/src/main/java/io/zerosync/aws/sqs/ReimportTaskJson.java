package io.zerosync.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zerosync.kernel.recovery.ReimportMode;
import io.zerosync.kernel.recovery.ReimportTask;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON body of a task message on ReimportTaskQueue. */
public final class ReimportTaskJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReimportTaskJson() {
    }

    public static String encode(ReimportTask t) {
        ObjectNode node = JSON.createObjectNode();
        node.put("taskId", t.taskId()).put("jobId", t.jobId()).put("view", t.view()).put("mode", t.mode().json())
                .put("kind", t.kind().name()).put("segment", t.segment()).put("totalSegments", t.totalSegments());
        if (t.from() != null) {
            node.put("from", t.from().toString()).put("to", t.to().toString());
        }
        if (!t.ids().isEmpty()) {
            t.ids().forEach(node.putArray("ids")::add);
        }
        return node.toString();
    }

    public static ReimportTask decode(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            List<String> ids = new ArrayList<>();
            n.path("ids").forEach(id -> ids.add(id.asText()));
            return new ReimportTask(n.get("taskId").asText(), n.get("jobId").asText(), n.get("view").asText(),
                    ReimportMode.fromJson(n.get("mode").asText()), ReimportTask.Kind.valueOf(n.get("kind").asText()),
                    n.get("segment").asInt(), n.get("totalSegments").asInt(),
                    n.has("from") ? Instant.parse(n.get("from").asText()) : null,
                    n.has("to") ? Instant.parse(n.get("to").asText()) : null, ids);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a re-import task: " + e.getMessage(), e);
        }
    }
}
