package io.zerosync.aws.tracing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceHeaderTest {

    @Test
    void readsRootParentAndSampledFromAnSqsRecordsAwsTraceHeader() {
        TraceHeader h = TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
                .orElseThrow();
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", h.root());
        assertEquals("53995c3f42cd8ad8", h.parent());
        assertTrue(h.sampled());
        assertEquals("5759e988bd862e3fe1be46a994272793", h.otelTraceId(), "OpenTelemetry's 32 hex digits");
        assertEquals("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", h.value());
    }

    @Test
    void aHeaderWithoutParentOrSampledStillNamesItsTrace_andOneWithoutRootIsNone() {
        TraceHeader h = TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793").orElseThrow();
        assertNull(h.parent());
        assertFalse(h.sampled());
        assertTrue(TraceHeader.parse("Parent=53995c3f42cd8ad8;Sampled=1").isEmpty());
        assertTrue(TraceHeader.parse("Root=not-a-trace").isEmpty());
        assertTrue(TraceHeader.parse(null).isEmpty());
        assertTrue(TraceHeader.parse("").isEmpty());
    }
}
