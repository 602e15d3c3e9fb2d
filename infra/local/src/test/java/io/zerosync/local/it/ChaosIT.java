package io.zerosync.local.it;

import io.zerosync.local.chaos.ChaosOptions;
import io.zerosync.local.chaos.ChaosRun;
import io.zerosync.local.faults.FaultRates;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos run at 2,000 commands, every fault on: after the faults stop, the cloud comes to quiet and
 * every view equals the source (zero drift of every class) with no acknowledged command lost.
 */
class ChaosIT {

    @Test
    void convergesWithZeroDriftAndNoLostCommand_afterEveryFaultAtOnce() throws Exception {
        Path template = TestClouds.template();
        Map<String, Object> report = ChaosRun.run(new ChaosOptions(2_000, 4, 20261124L,
                FaultRates.parse(ChaosOptions.DEFAULT_FAULTS), template,
                Duration.ofMinutes(5)), System.err);
        System.err.println("chaos report: " + report);

        assertEquals(true, report.get("quiet"), "the cloud came to quiet");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> drift = (Map<String, Map<String, Long>>) report.get("drift");
        assertTrue(drift.size() >= 2, "every view reconciled: " + drift);
        drift.forEach((view, classes) -> classes.forEach((kind, count) ->
                assertEquals(0L, count, view + " " + kind + " drift")));
        assertEquals(0L, ((Number) ((Map<?, ?>) report.get("lostCommands")).get("count")).longValue(),
                "lost commands: " + report.get("lostCommands"));
        Map<?, ?> commands = (Map<?, ?>) report.get("commands");
        assertTrue(((Number) commands.get("acknowledged")).longValue() > 1_000, "most commands acknowledged: " + commands);
        Map<?, ?> injected = (Map<?, ?>) report.get("faultsInjected");
        // Drops included: every subscription redrives what SNS cannot deliver to a DLQ of its own.
        injected.forEach((kind, n) -> assertTrue(((Number) n).longValue() > 0, kind + " was injected: " + injected));
        assertEquals(true, report.get("converged"));
    }
}
