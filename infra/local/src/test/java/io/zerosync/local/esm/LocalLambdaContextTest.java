package io.zerosync.local.esm;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalLambdaContextTest {
    /** A clock the test moves by hand, so the countdown is checked without waiting. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T23:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final EventSourceMappingSpec spec = EventSourceMappingSpec.builder("ShopListSyncFunction",
                    "http://localhost/000000000000/shop-list", "arn:aws:sqs:us-east-1:000000000000:shop-list")
            .functionTimeout(Duration.ofSeconds(20)).memorySizeMb(512).build();

    @Test
    void countsRemainingTimeDownToTheFunctionTimeout_andNeverBelowZero() {
        LocalLambdaContext context = LocalLambdaContext.forInvocation(spec, "stream", clock);

        assertEquals(20_000, context.getRemainingTimeInMillis());
        clock.advance(Duration.ofMillis(19_250));
        assertEquals(750, context.getRemainingTimeInMillis());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(0, context.getRemainingTimeInMillis());
    }

    @Test
    void describesTheFunctionLikeLambda() {
        LocalLambdaContext context = LocalLambdaContext.forInvocation(spec, LocalLambdaContext.newLogStreamName(clock), clock);

        assertEquals("ShopListSyncFunction", context.getFunctionName());
        assertEquals("$LATEST", context.getFunctionVersion());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:ShopListSyncFunction", context.getInvokedFunctionArn());
        assertEquals("/aws/lambda/ShopListSyncFunction", context.getLogGroupName());
        assertTrue(context.getLogStreamName().matches("2026/11/22/\\[\\$LATEST][0-9a-f]{32}"), context.getLogStreamName());
        assertEquals(512, context.getMemoryLimitInMB());
        assertNull(context.getIdentity());
        assertNull(context.getClientContext());
        assertNotEquals(context.getAwsRequestId(),
                LocalLambdaContext.forInvocation(spec, "stream", clock).getAwsRequestId());
    }

    @Test
    void prefixesEveryLogLineWithFunctionAndRequest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutLambdaLogger logger = new StdoutLambdaLogger("Fn", "req-1", new PrintStream(out, true, StandardCharsets.UTF_8));

        logger.log("synced 3 shops\n");
        logger.log("done".getBytes(StandardCharsets.UTF_8));

        assertEquals("[Fn req-1] synced 3 shops" + System.lineSeparator() + "[Fn req-1] done" + System.lineSeparator(),
                out.toString(StandardCharsets.UTF_8));
    }
}
