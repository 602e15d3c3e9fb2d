package io.zerosync.local.esm;

/**
 * How many of a mapping's poller threads poll at a time. One while the queue is quiet; one more each time a
 * receive comes back full (a backlog the active pollers do not keep up with), up to maximumConcurrency; the
 * newest steps back when its receive finds the queue empty.
 *
 * <p>Why not every thread at once: ten idle pollers long-polling a queue that gets a trickle each take one
 * message, so every message costs a whole invocation (a source fetch, a view read, a receive and a delete).
 * A poller busy with a batch lets the next messages gather, so batches grow with the rate, as they do on
 * Lambda, whose pollers also scale with the backlog rather than all polling from the start.
 */
final class PollerScaling {
    /** How often a waiting poller looks at the stop signal. */
    private static final long WAIT_MILLIS = 100;

    private final int maximum;
    private int active = 1;

    PollerScaling(int maximum) {
        if (maximum < 1) {
            throw new IllegalArgumentException("maximum must be at least 1, was " + maximum);
        }
        this.maximum = maximum;
    }

    /**
     * Blocks poller {@code index} (1 = the first) until it is one of the active ones; false when stopped first.
     */
    synchronized boolean awaitTurn(int index, StopSignal stop) {
        while (index > active) {
            if (stop.isSignalled()) {
                return false;
            }
            try {
                wait(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stop.isSignalled();
    }

    /** A receive came back full: more is waiting than the active pollers take, so one more joins. */
    synchronized void backlog() {
        if (active < maximum) {
            active++;
            notifyAll();
        }
    }

    /** Poller {@code index} found the queue empty: if it is the newest of several, it steps back. */
    synchronized void empty(int index) {
        if (index == active && active > 1) {
            active--;
        }
    }

    synchronized int active() {
        return active;
    }
}
