package io.zerosync.functions.sync;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.kernel.sync.SyncReport;
import io.zerosync.kernel.sync.ViewRow;
import io.zerosync.functions.logging.CapturedLog;
import io.zerosync.functions.priming.SampleEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sync's log lines and SyncLag metric, from the sample SQS batch in events/ through the real decoder. */
class LagReporterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private static final Instant CHANGED = Instant.parse("2026-11-22T23:00:00.123Z");

    private static ViewRow row(String shopId, long version, long lagMillis) {
        return new ViewRow(shopId, version, CHANGED, CHANGED.plusMillis(lagMillis), Map.of("name", "x"));
    }

    private static SyncReport written(List<ViewRow> rows) {
        return new SyncReport(List.of(), rows.size(), rows.size(), 0, rows.size(), rows.size(), 0, 0, rows);
    }

    @Test
    void eachSyncedLineCarriesTheEventIdMessageIdAndTraceOfTheAnnouncementThatCausedIt() {
        SQSEvent event = SampleEvents.sqs("sqs-shop-changed-sns.json");
        event.getRecords().get(0).getAttributes().put("AWSTraceHeader", TRACE);
        SqsBatch batch = SqsBatch.decode(event);
        try (CapturedLog log = new CapturedLog(LagReporter.LOGGER);
             var ignored = BatchCorrelation.open(batch)) {
            new LagReporter(new LagWindow()).synced("shop-detail",
                    written(List.of(row("shop-sample-1", 3, 40), row("shop-sample-2", 1, 75))));

            List<JsonNode> synced = log.lines().stream().filter(l -> "synced".equals(l.path("event").asText())).toList();
            assertEquals(2, synced.size());
            JsonNode first = synced.get(0);
            assertEquals("shop-sample-1", first.get("entityId").asText());
            assertEquals("1caa7252-f972-5e20-95dc-b1c5261790ba", first.get("eventId").asText(),
                    "the event ID of version 3's announcement, not version 2's");
            assertEquals("e093cfd0-5178-58c6-b466-81d7da73dc4f", first.get("messageId").asText());
            assertEquals("1-5759e988-bd862e3fe1be46a994272793", first.get("traceId").asText(),
                    "the X-Ray root of the message's AWSTraceHeader");
            assertEquals(40, first.get("lagMs").asLong());
            assertEquals("shop-detail", first.get("view").asText());
            JsonNode second = synced.get(1);
            assertEquals("5ae7e8cb-4248-5f5f-8343-adb10c718320", second.get("eventId").asText());
            assertFalse(second.has("traceId"), "a message without a trace header has no trace ID");
        }
        assertTrue(org.slf4j.MDC.getCopyOfContextMap() == null || org.slf4j.MDC.getCopyOfContextMap().isEmpty(),
                "nothing stays in the MDC after the row's line");
    }

    @Test
    void syncLagIsOneEmfDocumentPerBatch_inMillisecondsWithTheViewDimension() throws Exception {
        try (CapturedLog log = new CapturedLog(LagReporter.LOGGER)) {
            List<ViewRow> rows = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                rows.add(row("shp_" + i, 1, 100L * (i + 1)));
            }
            new LagReporter(new LagWindow()).synced("shop-list", written(rows));

            List<String> documents = log.messages().stream().filter(m -> m.contains("\"_aws\"")).toList();
            assertEquals(1, documents.size());
            JsonNode emf = JSON.readTree(documents.get(0));
            JsonNode directive = emf.at("/_aws/CloudWatchMetrics/0");
            assertEquals("Zerosync", directive.get("Namespace").asText());
            assertEquals("[[\"View\"]]", directive.get("Dimensions").toString(),
                    "exactly the View dimension the alarms and dashboards use, no default dimensions");
            assertEquals("shop-list", emf.get("View").asText());
            assertEquals("SyncLag", directive.at("/Metrics/0/Name").asText());
            assertEquals("Milliseconds", directive.at("/Metrics/0/Unit").asText());
            List<Double> values = new ArrayList<>();
            emf.get("SyncLag").forEach(v -> values.add(v.asDouble()));
            assertEquals(List.of(100.0, 200.0, 300.0), values);
        }
    }

    @Test
    void aBatchThatWroteNothingEmitsNoMetric() {
        try (CapturedLog log = new CapturedLog(LagReporter.LOGGER)) {
            new LagReporter(new LagWindow()).synced("shop-list", written(List.of()));
            assertTrue(log.messages().isEmpty());
        }
    }
}
