package io.zerosync.local.esm;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Tells pollers to stop, and wakes them from any pause at once, so close() does not wait out a back-off. */
final class StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);

    void signal() {
        latch.countDown();
    }

    boolean isSignalled() {
        return latch.getCount() == 0;
    }

    /** Pauses for {@code pause} or until signalled; true when signalled. */
    boolean await(Duration pause) {
        try {
            return latch.await(Math.max(0, pause.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
