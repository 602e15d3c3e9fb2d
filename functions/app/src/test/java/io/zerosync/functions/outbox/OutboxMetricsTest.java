package io.zerosync.functions.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.kernel.outbox.SweepReport;
import io.zerosync.functions.logging.CapturedLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sweepWritesAnEmfDocumentTheAlarmsRead_inTheZerosyncNamespaceWithoutDimensions() throws Exception {
        SweepReport report = new SweepReport(7, Duration.ofSeconds(240), 3, List.of(
                new SweepReport.Failure("shp_a", SweepReport.Kind.UNREADABLE, "no version"),
                new SweepReport.Failure("shp_b", SweepReport.Kind.PUBLISH_FAILED, "SNS said \"no\"")), 0);
        try (CapturedLog log = new CapturedLog(OutboxMetrics.LOGGER)) {
            new OutboxMetrics().swept(report);

            JsonNode emf = JSON.readTree(log.messages().stream().filter(m -> m.contains("\"_aws\"")).findFirst()
                    .orElseThrow());
            JsonNode directive = emf.at("/_aws/CloudWatchMetrics/0");
            assertTrue(emf.at("/_aws/Timestamp").isIntegralNumber());
            assertEquals("Zerosync", directive.get("Namespace").asText());
            assertEquals(1, directive.get("Dimensions").size(), "one dimension set...");
            assertEquals(0, directive.get("Dimensions").get(0).size(), "...that is empty: one series per metric");
            Map<String, String> units = new HashMap<>();
            directive.get("Metrics").forEach(m -> units.put(m.get("Name").asText(), m.get("Unit").asText()));
            assertEquals(Map.of("OutboxPending", "Count", "OutboxOldestPendingAgeSeconds", "Seconds",
                    "OutboxSweeperErrors", "Count", "OutboxAnnounced", "Count"), units);
            assertEquals(2, emf.get("OutboxSweeperErrors").asDouble(), "each metric's value is a member of the root");
            assertEquals(240, emf.get("OutboxOldestPendingAgeSeconds").asDouble());
            assertEquals(7, emf.get("OutboxPending").asDouble());

            JsonNode summary = log.lines().stream().filter(l -> "outbox_swept".equals(l.path("event").asText()))
                    .findFirst().orElseThrow();
            assertEquals("WARN", summary.get("level").asText(), "errors make the summary a warning");
            assertEquals(2, summary.get("errors").asInt(), "figures are JSON fields, not text");
            JsonNode failed = log.lines().stream().filter(l -> "shp_b".equals(l.path("entityId").asText()))
                    .findFirst().orElseThrow();
            assertEquals("SNS said \"no\"", failed.get("reason").asText(), "quotes in a reason stay intact");
            assertEquals("publish_failed", failed.get("kind").asText());
        }
    }
}
