package io.zerosync.aws;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JitterTest {

    @Test
    void drawsSpreadOverTheWholeRangeAndNeverLeaveIt() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            long value = Jitter.between(10, 30);
            assertTrue(value >= 10 && value < 30, "out of range: " + value);
            seen.add(value);
        }
        assertEquals(20, seen.size(), "every value of the range is drawn in 2,000 tries");
    }

    @Test
    void anEmptyRangeGivesItsStart() {
        assertEquals(10, Jitter.between(10, 10));
        assertEquals(0, Jitter.between(0, 0));
    }
}
