package io.zerosync.local.esm;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;

/**
 * The Lambda {@link Context} for one local invocation. The remaining time counts down to a deadline
 * (invocation start + function timeout), so handlers that stop early on a low budget behave as they
 * would on Lambda. Identity and client context are null, as they are for any non-mobile invocation.
 */
public final class LocalLambdaContext implements Context {
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final String awsRequestId;
    private final String functionName;
    private final String invokedFunctionArn;
    private final String logStreamName;
    private final int memoryLimitMb;
    private final Instant deadline;
    private final Clock clock;
    private final LambdaLogger logger;

    public LocalLambdaContext(String awsRequestId, String functionName, String invokedFunctionArn,
                              String logStreamName, int memoryLimitMb, Instant deadline, Clock clock,
                              LambdaLogger logger) {
        this.awsRequestId = Objects.requireNonNull(awsRequestId, "awsRequestId");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.invokedFunctionArn = Objects.requireNonNull(invokedFunctionArn, "invokedFunctionArn");
        this.logStreamName = Objects.requireNonNull(logStreamName, "logStreamName");
        this.memoryLimitMb = memoryLimitMb;
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    /** A context for a function invoked by {@code spec}'s mapping, starting now, with a fresh request ID. */
    public static LocalLambdaContext forInvocation(EventSourceMappingSpec spec, String logStreamName, Clock clock) {
        String requestId = UUID.randomUUID().toString();
        QueueArn queue = spec.queueArn();
        String functionArn = "arn:" + queue.partition() + ":lambda:" + queue.region() + ":" + queue.accountId()
                + ":function:" + spec.functionName();
        return new LocalLambdaContext(requestId, spec.functionName(), functionArn, logStreamName,
                spec.memorySizeMb(), clock.instant().plus(spec.functionTimeout()), clock,
                new StdoutLambdaLogger(spec.functionName(), requestId));
    }

    /** A stream name shaped like Lambda's, one per execution environment (here: per poller thread). */
    public static String newLogStreamName(Clock clock) {
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).format(LOG_STREAM_DATE);
        return day + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
    }

    public Instant deadline() {
        return deadline;
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedFunctionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = Duration.between(clock.instant(), deadline).toMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryLimitMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
