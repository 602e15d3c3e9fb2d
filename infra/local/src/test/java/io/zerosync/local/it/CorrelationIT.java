package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.testing.Eventually;
import io.zerosync.local.testing.JsonLogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * One change followed through the logs: the command's announcement and each view's sync of it carry the same
 * event ID, and the X-Ray trace the command ran under reaches the sync through SNS's X-Amzn-Trace-Id and the SQS
 * message's AWSTraceHeader.
 */
class CorrelationIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Where Lambda's runtime puts the invocation's trace header; the announcer reads it as the SDK does. */
    private static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
    private static final String ROOT = "1-6752c0de-0123456789abcdef01234567";
    private static LocalCloud cloud;
    private static Api api;

    @BeforeAll
    static void start() {
        cloud = TestClouds.live();
        api = new Api(cloud);
    }

    @Test
    void aCommandsEventIdAndTraceAppearOnEachViewsSyncLineForThatShop() {
        try (JsonLogCapture log = new JsonLogCapture("zerosync.announce", "zerosync.sync")) {
            String id;
            System.setProperty(TRACE_PROPERTY, "Root=" + ROOT + ";Parent=0123456789abcdef;Sampled=1");
            try {
                id = api.createShop("Correlated", "korean");
            } finally {
                System.clearProperty(TRACE_PROPERTY);
            }
            JsonNode announced = log.events("announced").stream().filter(l -> id.equals(l.path("entityId").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("the command logs its announcement"));
            String eventId = announced.get("eventId").asText();
            assertFalse(eventId.isBlank());
            assertEquals(ROOT, announced.get("traceId").asText());

            List<JsonNode> synced = Eventually.await("both views' sync lines for " + id, DEADLINE,
                    () -> log.events("synced").stream().filter(l -> id.equals(l.path("entityId").asText())).toList(),
                    lines -> lines.stream().map(l -> l.path("view").asText()).distinct().count() >= 2);
            for (JsonNode line : synced) {
                assertEquals(eventId, line.path("eventId").asText(), "the sync names the command's event: " + line);
                assertEquals(ROOT, line.path("traceId").asText(), "the sync runs under the command's trace: " + line);
                assertFalse(line.path("messageId").asText().isBlank(), "and names its SQS message: " + line);
                assertEquals(1, line.path("version").asLong());
            }
        }
    }
}
