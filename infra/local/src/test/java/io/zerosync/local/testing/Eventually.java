package io.zerosync.local.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for eventual consistency by polling with a deadline; never a fixed sleep. */
public final class Eventually {
    private Eventually() {
    }

    public static <T> T await(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what + "; last: " + last);
    }

    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        await(what, timeout, condition, Boolean::booleanValue);
    }
}
