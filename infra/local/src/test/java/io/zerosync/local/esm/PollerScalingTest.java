package io.zerosync.local.esm;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollerScalingTest {

    @Test
    void addsOnePollerPerFullReceive_upToTheMaximum() {
        PollerScaling scaling = new PollerScaling(3);
        assertEquals(1, scaling.active());
        scaling.backlog();
        scaling.backlog();
        scaling.backlog();
        assertEquals(3, scaling.active());
    }

    @Test
    void letsOnlyTheNewestPollerStepBack_whenItFindsTheQueueEmpty() {
        PollerScaling scaling = new PollerScaling(3);
        scaling.backlog();
        scaling.backlog();
        scaling.empty(1);
        assertEquals(3, scaling.active());
        scaling.empty(3);
        scaling.empty(2);
        scaling.empty(1);
        assertEquals(1, scaling.active());
    }

    @Test
    void releasesAWaitingPoller_whenABacklogCallsItIn() throws Exception {
        PollerScaling scaling = new PollerScaling(2);
        StopSignal stop = new StopSignal();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> scaling.awaitTurn(2, stop));
        scaling.backlog();
        assertTrue(second.get(5, TimeUnit.SECONDS));
    }

    @Test
    void releasesAWaitingPollerWithoutATurn_whenStopped() throws Exception {
        PollerScaling scaling = new PollerScaling(2);
        StopSignal stop = new StopSignal();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> scaling.awaitTurn(2, stop));
        stop.signal();
        assertFalse(second.get(5, TimeUnit.SECONDS));
    }
}
