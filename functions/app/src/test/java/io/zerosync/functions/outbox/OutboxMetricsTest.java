package io.zerosync.functions.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxMetricsTest {

    @Test
    void writesAnEmfDocumentCloudWatchExtracts_inTheZerosyncNamespaceWithoutDimensions() throws Exception {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("OutboxSweeperErrors", 2L);
        values.put("OutboxOldestPendingAgeSeconds", 240L);

        JsonNode line = new ObjectMapper().readTree(OutboxMetrics.emf(values));

        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertTrue(line.at("/_aws/Timestamp").isIntegralNumber());
        assertEquals("Zerosync", directive.get("Namespace").asText());
        assertEquals(1, directive.get("Dimensions").size(), "one dimension set...");
        assertEquals(0, directive.get("Dimensions").get(0).size(), "...that is empty: one series per metric");
        List<String> names = new ArrayList<>();
        directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));
        assertEquals(List.of("OutboxSweeperErrors", "OutboxOldestPendingAgeSeconds"), names);
        assertEquals("Seconds", directive.at("/Metrics/1/Unit").asText());
        assertEquals(2, line.get("OutboxSweeperErrors").asLong(), "each metric's value is a member of the root");
        assertEquals(240, line.get("OutboxOldestPendingAgeSeconds").asLong());
    }
}
