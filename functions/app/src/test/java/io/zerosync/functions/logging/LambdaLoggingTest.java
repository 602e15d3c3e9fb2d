package io.zerosync.functions.logging;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LambdaLoggingTest {

    @Test
    void aLineIsOneJsonObject_withTheMdcsCorrelationIdsAndTheCallsStructuredArgumentsAsFields() {
        Logger log = LoggerFactory.getLogger("zerosync.test");
        try (CapturedLog captured = new CapturedLog("zerosync.test");
             var ignored = Correlation.with(Correlation.EVENT_ID, "evt-1", Correlation.ENTITY_ID, "shp_1",
                     Correlation.JOB_ID, null)) {
            log.warn("sync failed {}", kv("event", "sync_failed"), kv("reason", "a \"quoted\"\nreason"), kv("retryable", true));

            JsonNode line = captured.lines().get(0);
            assertEquals("WARN", line.get("level").asText());
            assertEquals("zerosync.test", line.get("logger").asText());
            assertTrue(line.has("timestamp"));
            assertEquals("sync failed event=sync_failed", line.get("message").asText());
            assertEquals("evt-1", line.get("eventId").asText());
            assertEquals("shp_1", line.get("entityId").asText());
            assertFalse(line.has("jobId"), "a null correlation value is left out");
            assertEquals("a \"quoted\"\nreason", line.get("reason").asText(), "the encoder escapes; nobody else has to");
            assertTrue(line.get("retryable").isBoolean());
            assertFalse(line.has("thread_name") || line.has("@version") || line.has("level_value"));
        }
        assertNull(MDC.get(Correlation.EVENT_ID), "closing the scope takes its IDs out of the MDC");
    }

    @Test
    void aNestedScopePutsBackWhatItShadowed() {
        try (var outer = Correlation.with(Correlation.ENTITY_ID, "outer")) {
            try (var inner = Correlation.with(Correlation.ENTITY_ID, "inner")) {
                assertEquals("inner", MDC.get(Correlation.ENTITY_ID));
            }
            assertEquals("outer", MDC.get(Correlation.ENTITY_ID));
        }
        assertNull(MDC.get(Correlation.ENTITY_ID));
    }
}
