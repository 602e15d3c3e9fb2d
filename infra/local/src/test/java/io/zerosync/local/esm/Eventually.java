package io.zerosync.local.esm;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polls a condition until a deadline: the tests wait for outcomes, never for a fixed time. */
final class Eventually {
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 20;

    private Eventually() {
    }

    static void awaitUntil(String what, BooleanSupplier condition) {
        awaitUntil(what, DEFAULT_DEADLINE, condition, () -> "");
    }

    static void awaitUntil(String what, BooleanSupplier condition, Supplier<String> stateOnTimeout) {
        awaitUntil(what, DEFAULT_DEADLINE, condition, stateOnTimeout);
    }

    static void awaitUntil(String what, Duration deadline, BooleanSupplier condition, Supplier<String> stateOnTimeout) {
        Instant giveUp = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                fail("gave up after " + deadline.toSeconds() + " s waiting until " + what + " " + stateOnTimeout.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting until " + what);
            }
        }
    }
}
