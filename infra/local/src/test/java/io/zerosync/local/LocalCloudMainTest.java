package io.zerosync.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalCloudMainTest {
    @Test
    void anOpsCommandOnTheLocalJarPointsToTheOpsJar() {
        String said = LocalCloudMain.unknownCommand(new String[] {"reimport", "--view", "shop-list", "--full"});
        assertTrue(said != null && said.contains("zerosync-ops.jar") && said.startsWith("unknown command reimport"), said);
    }

    @Test
    void optionsAndTheLocalJarsOwnCommandsAreNotUnknown() {
        assertNull(LocalCloudMain.unknownCommand(new String[0]));
        assertNull(LocalCloudMain.unknownCommand(new String[] {"--port", "0"}));
        assertNull(LocalCloudMain.unknownCommand(new String[] {"token", "--ttl", "1h"}));
        assertNull(LocalCloudMain.unknownCommand(new String[] {"chaos", "--commands", "10"}));
    }
}
