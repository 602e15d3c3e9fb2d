package io.zerosync.functions.config;

import io.zerosync.aws.tracing.TraceHeader;

/** The trace ID a log line carries: the root of a message's X-Ray header, read by the tracing adapter. */
public final class TraceRoots {
    private TraceRoots() {
    }

    /** The header's root, or null when the header is absent or has no valid root. */
    public static String of(String traceHeader) {
        return TraceHeader.parse(traceHeader).map(TraceHeader::root).orElse(null);
    }
}
