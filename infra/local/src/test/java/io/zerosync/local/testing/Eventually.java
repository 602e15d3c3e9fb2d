package io.zerosync.local.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for eventual consistency by polling with a deadline; never a fixed sleep. */
public final class Eventually {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 20;

    private Eventually() {
    }

    /** Polls {@code probe} until {@code done} accepts its value; answers that value. */
    public static <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            pause(what);
        }
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what + "; last: " + last);
    }

    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        await(what, timeout, condition, Boolean::booleanValue);
    }

    public static void awaitUntil(String what, BooleanSupplier condition) {
        awaitUntil(what, condition, () -> "");
    }

    /** Like {@link #until}, with the default deadline and a description of the state for the failure message. */
    public static void awaitUntil(String what, BooleanSupplier condition, Supplier<String> stateOnTimeout) {
        long deadline = System.nanoTime() + DEFAULT_DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("gave up after " + DEFAULT_DEADLINE.toSeconds() + " s waiting until " + what
                        + " " + stateOnTimeout.get());
            }
            pause(what);
        }
    }

    private static void pause(String what) {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what);
        }
    }
}
