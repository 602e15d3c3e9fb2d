package io.zerosync.functions.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncTracingTest {

    @Test
    void anAwsTraceHeaderBecomesTheRemoteContextTheBatchSpanLinksTo() {
        SpanContext parent = SyncTracing.remoteContext(
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1").orElseThrow();
        assertEquals("5759e988bd862e3fe1be46a994272793", parent.getTraceId());
        assertEquals("53995c3f42cd8ad8", parent.getSpanId());
        assertTrue(parent.isRemote());
        assertTrue(parent.isSampled());
        assertTrue(SyncTracing.remoteContext("Root=1-5759e988-bd862e3fe1be46a994272793").isEmpty(),
                "without a parent segment there is nothing to link to");
    }

    @Test
    void withoutAnOpenTelemetrySdkTheSpanIsANoOp() {
        Span span = SyncTracing.startBatch("shop-detail",
                List.of("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));
        assertFalse(span.isRecording(), "locally nothing records, and nothing is exported");
        span.end();
    }
}
