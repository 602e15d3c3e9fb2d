package io.zerosync.local.it;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips every test class of the LocalStack leg, with the reason, where LocalStack cannot run (no Docker, or an
 * image that needs LOCALSTACK_AUTH_TOKEN unset). The leg's failsafe execution registers it through JUnit's
 * extension autodetection, so the scenario ITs themselves stay unchanged; a skipped class then shows in the
 * console and in the failsafe report with this reason (an aborted {@code @BeforeAll} would show as no tests).
 */
public final class LocalStackLegCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"localstack".equals(TestClouds.kind())) {
            return ConditionEvaluationResult.enabled("not the LocalStack leg");
        }
        String reason = LocalStackLeg.unavailableReason(System.getenv());
        return reason == null ? ConditionEvaluationResult.enabled("LocalStack can run here")
                : ConditionEvaluationResult.disabled(reason);
    }
}
