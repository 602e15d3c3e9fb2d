package io.zerosync.functions.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.zerosync.aws.tracing.TraceHeader;

import java.util.Collection;
import java.util.Optional;

/**
 * Ties a sync batch to the commands that caused it. A batch serves many messages, each from its own command
 * and trace, so its span is not a child of any one of them: it links to each message's trace (from the
 * {@code AWSTraceHeader} SQS hands on), and with exactly one message it is that trace's child, so the X-Ray
 * or OpenTelemetry view shows API, SNS, SQS and sync as one trace. Through the OpenTelemetry API only: without
 * an SDK (locally, or no ADOT layer on the function) every call is a no-op on shared objects.
 */
public final class SyncTracing {
    private static final String SCOPE = "io.zerosync.sync";

    private SyncTracing() {
    }

    /** Starts the batch's span; the caller ends it. */
    public static Span startBatch(String view, Collection<String> traceHeaders) {
        Tracer tracer = GlobalOpenTelemetry.getTracer(SCOPE);
        SpanBuilder span = tracer.spanBuilder("sync " + view).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "aws_sqs")
                .setAttribute("messaging.batch.message_count", traceHeaders.size());
        for (String header : traceHeaders) {
            remoteContext(header).ifPresent(span::addLink);
        }
        if (traceHeaders.size() == 1) {
            remoteContext(traceHeaders.iterator().next())
                    .ifPresent(parent -> span.setParent(io.opentelemetry.context.Context.root()
                            .with(Span.wrap(parent))));
        }
        return span.startSpan();
    }

    /** An X-Ray header as the remote OpenTelemetry context it names (its trace, its parent segment). */
    static Optional<SpanContext> remoteContext(String header) {
        return TraceHeader.parse(header).filter(h -> h.parent() != null).map(h -> SpanContext.createFromRemoteParent(
                h.otelTraceId(), h.parent(), h.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(),
                TraceState.getDefault()));
    }
}
