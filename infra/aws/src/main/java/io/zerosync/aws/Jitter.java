package io.zerosync.aws;

import java.security.SecureRandom;

/**
 * Random retry delays that stay random across SnapStart restores. {@code ThreadLocalRandom}'s seeds live in
 * the heap, so every instance restored from one snapshot would draw the same "random" delays and retry in step
 * (the herd that jitter exists to break). {@code SecureRandom} draws fresh entropy from the OS on each call.
 * Only retries use it, so its cost is immaterial.
 */
public final class Jitter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Jitter() {
    }

    /** A uniformly drawn value in {@code [from, until)}; {@code from} when the range is empty. */
    public static long between(long from, long until) {
        return until <= from ? from : from + RANDOM.nextLong(until - from);
    }
}
