package io.zerosync.local;

import io.zerosync.local.faults.FaultKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalCloudOptionsTest {
    private static final String TEMPLATE = LocalCloudOptions.findTemplate(Path.of("").toAbsolutePath()).toString();

    @Test
    void leavesFaultInjectionOff_whenNoFaultsFlagIsGiven() {
        LocalCloudOptions options = LocalCloudOptions.parse(new String[]{"--template", TEMPLATE}, Map.of());
        assertFalse(options.faultInjection());
        assertFalse(options.dynamoDbProxy());
        assertNull(options.faults());
    }

    @Test
    void enablesFaultInjectionWithTheGivenRatesAndSeed_whenFaultsFlagIsGiven() {
        LocalCloudOptions options = LocalCloudOptions.parse(new String[]{"--template", TEMPLATE,
                "--faults", "sns-drop=0.05,sns-duplicate=0.1,dynamodb-conflict=0.02,seed=42"}, Map.of());
        assertTrue(options.faultInjection());
        assertTrue(options.dynamoDbProxy());
        assertEquals(0.05, options.faults().rate(FaultKind.SNS_DROP));
        assertEquals(0.1, options.faults().rate(FaultKind.SNS_DUPLICATE));
        assertEquals(0.02, options.faults().rate(FaultKind.DYNAMODB_CONFLICT));
        assertEquals(0.0, options.faults().rate(FaultKind.SYNC_CRASH));
        assertEquals(42, options.faultSeed());
    }

    @Test
    void enablesFaultInjectionWithEveryRateZero_whenFaultsIsNone() {
        LocalCloudOptions options = LocalCloudOptions.parse(new String[]{"--template", TEMPLATE, "--faults", "none"},
                Map.of());
        assertTrue(options.faultInjection());
        assertFalse(options.faults().any());
    }

    @Test
    void refusesABadFaultsFlag_withAMessageNamingTheProblem() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> LocalCloudOptions.parse(
                new String[]{"--template", TEMPLATE, "--faults", "sns-drop=2"}, Map.of()));
        assertTrue(bad.getMessage().contains("sns-drop"), bad.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> LocalCloudOptions.parse(
                new String[]{"--template", TEMPLATE, "--faults", "lightning=0.1"}, Map.of()));
        assertTrue(unknown.getMessage().contains("known:"), unknown.getMessage());
    }

    @Test
    void addsTheDynamoDbProxyOnly_whenAsked() {
        LocalCloudOptions options = LocalCloudOptions.ephemeral(Path.of(TEMPLATE), "t");
        assertFalse(options.dynamoDbProxy());
        assertTrue(options.withDynamoDbProxy(true).dynamoDbProxy());
        assertFalse(options.withDynamoDbProxy(true).faultInjection());
    }

    @Test
    void externalEndpointsAreKeptByEveryOtherOption_andTheEmbeddedServicesAreTheDefault() {
        LocalCloudOptions embedded = LocalCloudOptions.ephemeral(Path.of(TEMPLATE), "t");
        assertNull(embedded.externalAws());
        assertNull(LocalCloudOptions.parse(new String[]{"--template", TEMPLATE}, Map.of()).externalAws());
        ExternalAws edge = ExternalAws.edge(java.net.URI.create("http://127.0.0.1:4566"));
        LocalCloudOptions external = embedded.withExternalAws(edge).withHttpPort(0).withoutPollers()
                .withParameters(Map.of("MaxReceiveCount", 3)).withSourceApiUrl("http://127.0.0.1:1")
                .withDynamoDbProxy(true);
        assertEquals(edge, external.externalAws());
        assertEquals(edge.dynamoDb(), edge.sqs());
        assertEquals(edge.sqs(), edge.sns());
        assertFalse(external.pollers());
        assertTrue(external.dynamoDbProxy());
        assertThrows(NullPointerException.class, () -> new ExternalAws(null, edge.sqs(), edge.sns()));
    }
}
