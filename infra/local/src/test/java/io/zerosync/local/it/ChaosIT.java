package io.zerosync.local.it;

import io.zerosync.local.chaos.ChaosOptions;
import io.zerosync.local.chaos.ChaosRun;
import io.zerosync.local.faults.FaultRates;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

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
        Map<String, Object> report = ChaosRun.run(new ChaosOptions(2_000, 4, 20261124L, rates(template), template,
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
        injected.forEach((kind, n) -> {
            if (!kind.equals("sns-drop")) {
                assertTrue(((Number) n).longValue() > 0, kind + " was injected: " + injected);
            }
        });
        assertEquals(true, report.get("converged"));
    }

    /**
     * Every fault on. A dropped SNS delivery is recoverable only where the subscription has a
     * RedrivePolicy (its DLQ is redriven); without one SNS loses it on AWS too, so drops stay off then.
     */
    private static FaultRates rates(Path template) throws Exception {
        String faults = ChaosOptions.DEFAULT_FAULTS;
        if (!subscriptionsHaveRedrivePolicies(Files.readString(template))) {
            faults = faults.replace("sns-drop=0.02", "sns-drop=0");
        }
        return FaultRates.parse(faults);
    }

    private static boolean subscriptionsHaveRedrivePolicies(String template) {
        String[] resources = template.split("\n  (?=[A-Za-z0-9]+:\n)");
        boolean any = false;
        for (String resource : resources) {
            if (resource.contains("Type: AWS::SNS::Subscription")) {
                any = true;
                if (!Pattern.compile("\n\\s+RedrivePolicy:").matcher(resource).find()) {
                    return false;
                }
            }
        }
        return any;
    }
}
