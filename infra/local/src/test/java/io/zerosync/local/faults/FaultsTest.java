package io.zerosync.local.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsTest {

    @Test
    void injectsAtTheRate_andCountsWhatItInjected() {
        Faults faults = new Faults(true, 7);
        faults.set(FaultRates.parse("sns-drop=0.2"));
        int injected = 0;
        for (int i = 0; i < 10_000; i++) {
            injected += faults.roll(FaultKind.SNS_DROP) ? 1 : 0;
        }
        assertTrue(injected > 1_800 && injected < 2_200, "about 20% of 10,000, was " + injected);
        assertEquals(injected, faults.injected().get("sns-drop"));
        assertEquals(0, faults.injected().get("sns-duplicate"));
    }

    @Test
    void neverInjects_whenEveryRateIsZero() {
        Faults faults = Faults.off();
        for (FaultKind kind : FaultKind.values()) {
            for (int i = 0; i < 1_000; i++) {
                assertFalse(faults.roll(kind));
            }
        }
        assertTrue(faults.injected().values().stream().allMatch(n -> n == 0));
    }

    @Test
    void injectsTheSameFaults_whenSeededAlike() {
        Faults a = new Faults(true, 42);
        Faults b = new Faults(true, 42);
        a.set(FaultRates.parse("all=0.3"));
        b.set(FaultRates.parse("all=0.3"));
        for (int i = 0; i < 1_000; i++) {
            FaultKind kind = FaultKind.values()[i % FaultKind.values().length];
            assertEquals(a.roll(kind), b.roll(kind));
        }
    }

    @Test
    void refusesProxiedFaults_whenFaultInjectionWasNotEnabledAtStart() {
        Faults faults = Faults.off();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> faults.set(FaultRates.parse("dynamodb-throttle=0.1")));
        assertTrue(refused.getMessage().contains("--faults"), refused.getMessage());
        faults.set(FaultRates.parse("sns-duplicate=0.1,sync-crash=0.1"));
        assertEquals(0.1, faults.rates().rate(FaultKind.SYNC_CRASH));
    }

    @Test
    void parsesRatesDelaysAndSeed_fromTheFlagValue() {
        String flag = "all=0.01,sns-drop=0.05,sns-max-delay-ms=500,source-slow-ms=50,seed=9";
        FaultRates rates = FaultRates.parse(flag);
        assertEquals(0.05, rates.rate(FaultKind.SNS_DROP));
        assertEquals(0.01, rates.rate(FaultKind.DYNAMODB_CONFLICT));
        assertEquals(Duration.ofMillis(500), rates.snsMaxDelay());
        assertEquals(Duration.ofMillis(50), rates.sourceSlow());
        assertEquals(9L, FaultRates.seedOf(flag));
        assertFalse(FaultRates.parse("none").any());
    }

    @Test
    void rejectsUnknownKindsAndRatesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> FaultRates.parse("sns-explode=0.1"));
        assertThrows(IllegalArgumentException.class, () -> FaultRates.parse("sns-drop=1.5"));
        assertThrows(IllegalArgumentException.class, () -> FaultRates.parse("sns-drop=-0.1"));
        assertThrows(IllegalArgumentException.class, () -> FaultRates.parse("sns-drop"));
        assertThrows(IllegalArgumentException.class, () -> FaultRates.of(Map.of("sns-drop", "often")));
    }

    @Test
    void tellsListenersOfEveryChange_startingWithTheCurrentRates() {
        Faults faults = new Faults(true, 1);
        java.util.List<Double> seen = new java.util.ArrayList<>();
        faults.onChange(r -> seen.add(r.rate(FaultKind.DYNAMODB_THROTTLE)));
        faults.set(FaultRates.parse("dynamodb-throttle=0.25"));
        faults.set(FaultRates.none());
        assertEquals(java.util.List.of(0.0, 0.25, 0.0), seen);
    }
}
