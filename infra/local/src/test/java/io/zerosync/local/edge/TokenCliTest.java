package io.zerosync.local.edge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCliTest {
    @Test
    void ttlsInSecondsMinutesHoursAndDays() {
        assertEquals(90, TokenCli.ttlSeconds("90s"));
        assertEquals(90, TokenCli.ttlSeconds("90"));
        assertEquals(1800, TokenCli.ttlSeconds("30m"));
        assertEquals(3600, TokenCli.ttlSeconds(" 1h "));
        assertEquals(172800, TokenCli.ttlSeconds("2d"));
    }

    @Test
    void aTtlThatIsNotOneIsAUsageError() {
        for (String bad : new String[] {"soon", "1w", "-1h", "1.5h", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenCli.ttlSeconds(bad), bad);
            assertTrue(e.getMessage().contains("--ttl"), e.getMessage());
        }
    }
}
