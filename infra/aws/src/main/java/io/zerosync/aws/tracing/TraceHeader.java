package io.zerosync.aws.tracing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An X-Ray trace header ({@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}):
 * what Lambda sets for the current invocation, what the SDK sends on each AWS call from a traced function, and
 * what SNS and SQS hand on as the message's {@code AWSTraceHeader} attribute.
 */
public record TraceHeader(String root, String parent, boolean sampled) {
    private static final Pattern ROOT = Pattern.compile("(?:^|;)\\s*Root=(1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24})");
    private static final Pattern PARENT = Pattern.compile("(?:^|;)\\s*Parent=([0-9a-fA-F]{16})");
    private static final Pattern SAMPLED = Pattern.compile("(?:^|;)\\s*Sampled=1");
    /** Where the Lambda runtime puts the invocation's header (the SDK reads the same two). */
    private static final String PROPERTY = "com.amazonaws.xray.traceHeader";
    private static final String ENVIRONMENT = "_X_AMZN_TRACE_ID";

    /** The header parsed, or empty when absent or without a valid root. */
    public static Optional<TraceHeader> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Matcher root = ROOT.matcher(header);
        if (!root.find()) {
            return Optional.empty();
        }
        Matcher parent = PARENT.matcher(header);
        return Optional.of(new TraceHeader(root.group(1), parent.find() ? parent.group(1) : null,
                SAMPLED.matcher(header).find()));
    }

    /** This invocation's header on Lambda with active tracing; empty elsewhere (locally, in tests). */
    public static Optional<TraceHeader> current() {
        String header = System.getProperty(PROPERTY);
        return parse(header != null ? header : System.getenv(ENVIRONMENT));
    }

    /** The header as sent: {@code Root=...;Parent=...;Sampled=0|1}. */
    public String value() {
        return "Root=" + root + (parent == null ? "" : ";Parent=" + parent) + ";Sampled=" + (sampled ? "1" : "0");
    }

    /** The root as OpenTelemetry writes trace IDs: 32 hex digits, the X-Ray root without its dashes and "1-". */
    public String otelTraceId() {
        return root.substring(2).replace("-", "");
    }
}
