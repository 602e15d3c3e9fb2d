package io.zerosync.local.it;

import io.zerosync.local.LocalCloud;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET/PUT /local/faults on the live local cloud: the switchboard over HTTP, admin token only. */
class FaultsRouteIT {
    private final LocalCloud cloud = TestClouds.live();
    private final Api api = new Api(cloud.httpEndpoint(), null);
    private static final String[] ADMIN = {"Authorization", "Bearer " + TestClouds.TOKEN};

    @Test
    void answersTheRatesJustPut_andTheFaultsInjectedByKind() {
        try {
            Api.Reply put = api.call("PUT", "/local/faults", Map.of("sns-duplicate", 0.01, "sns-max-delay-ms", 500), ADMIN);
            assertEquals(200, put.status(), put.raw().body());
            Api.Reply got = api.call("GET", "/local/faults", null, ADMIN);
            assertEquals(200, got.status());
            assertEquals(0.01, got.body().path("rates").path("sns-duplicate").asDouble());
            assertEquals(0.0, got.body().path("rates").path("sns-drop").asDouble());
            assertEquals(500, got.body().path("rates").path("sns-max-delay-ms").asLong());
            assertEquals(cloud.faults().injected().get("sync-crash"), got.body().path("injected").path("sync-crash").asLong());
            assertEquals(0.01, cloud.faults().rates().rate(io.zerosync.local.faults.FaultKind.SNS_DUPLICATE));
        } finally {
            api.call("PUT", "/local/faults", Map.of(), ADMIN);
        }
        assertEquals(0.0, api.call("GET", "/local/faults", null, ADMIN).body().path("rates").path("sns-duplicate").asDouble());
    }

    @Test
    void refusesWithoutTheAdminToken_andChangesNothing() {
        Api.Reply anonymous = api.call("PUT", "/local/faults", Map.of("sns-drop", 1));
        assertEquals(401, anonymous.status());
        assertEquals("unauthorized", anonymous.text("error"));
        Api.Reply wrong = api.call("GET", "/local/faults", null, "Authorization", "Bearer nope");
        assertEquals(403, wrong.status());
        assertEquals(0.0, cloud.faults().rates().rate(io.zerosync.local.faults.FaultKind.SNS_DROP));
    }

    @Test
    void answers400ForABadRate_and409ForAProxiedFault_whenStartedWithoutFaultInjection() {
        Api.Reply bad = api.call("PUT", "/local/faults", Map.of("sns-drop", 2), ADMIN);
        assertEquals(400, bad.status());
        assertEquals("invalid_fault", bad.text("error"));
        Api.Reply proxied = api.call("PUT", "/local/faults", Map.of("dynamodb-throttle", 0.1), ADMIN);
        assertEquals(409, proxied.status());
        assertEquals("faults_not_enabled", proxied.text("error"));
        assertEquals(0.0, cloud.faults().rates().rate(io.zerosync.local.faults.FaultKind.DYNAMODB_THROTTLE));
    }
}
