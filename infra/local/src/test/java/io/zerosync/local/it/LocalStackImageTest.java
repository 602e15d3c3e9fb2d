package io.zerosync.local.it;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which LocalStack images the leg may start without LOCALSTACK_AUTH_TOKEN, where the image is chosen, and the
 * reasons the leg is skipped with.
 */
class LocalStackImageTest {

    @Test
    void communityReleasesUpTo4_14RunWithoutAToken() {
        assertFalse(new LocalStackImage("localstack/localstack:4.14.0").needsAuthToken());
        assertFalse(new LocalStackImage("localstack/localstack:4.12").needsAuthToken());
        assertFalse(new LocalStackImage("localstack/localstack:3.8.1").needsAuthToken());
        assertFalse(new LocalStackImage("mirror.example:5000/localstack/localstack:4.13.1").needsAuthToken(),
                "a registry's port is not the tag");
    }

    @Test
    void currentImagesNeedAToken() {
        assertTrue(new LocalStackImage("localstack/localstack:4.15.0").needsAuthToken());
        assertTrue(new LocalStackImage("localstack/localstack:2026.03.0").needsAuthToken());
        assertTrue(new LocalStackImage("localstack/localstack:latest").needsAuthToken());
        assertTrue(new LocalStackImage("localstack/localstack").needsAuthToken(), "no tag is latest");
        assertTrue(new LocalStackImage("localstack/localstack-pro:4.3.0").needsAuthToken());
        assertTrue(new LocalStackImage("localstack/localstack:stable").needsAuthToken(), "unknown: assume current");
        assertTrue(new LocalStackImage(LocalStackImage.DEFAULT).needsAuthToken());
    }

    @Test
    void theImageComesFromTheSystemPropertyThenTheEnvironmentThenTheDefault() {
        String before = System.getProperty(LocalStackImage.PROPERTY);
        try {
            System.clearProperty(LocalStackImage.PROPERTY);
            assertEquals(LocalStackImage.DEFAULT, LocalStackImage.configured(Map.of()).name());
            assertEquals("localstack/localstack:4.14.0", LocalStackImage.configured(
                    Map.of(LocalStackImage.ENV, "localstack/localstack:4.14.0")).name());
            System.setProperty(LocalStackImage.PROPERTY, "localstack/localstack:4.13.1");
            assertEquals("localstack/localstack:4.13.1", LocalStackImage.configured(
                    Map.of(LocalStackImage.ENV, "localstack/localstack:4.14.0")).name());
        } finally {
            if (before == null) {
                System.clearProperty(LocalStackImage.PROPERTY);
            } else {
                System.setProperty(LocalStackImage.PROPERTY, before);
            }
        }
    }

    @Test
    void theLegIsSkippedWithItsReason_withoutDockerOrWithoutANeededToken() {
        LocalStackImage current = new LocalStackImage("localstack/localstack:2026.03.0");
        LocalStackImage community = new LocalStackImage("localstack/localstack:4.14.0");
        assertEquals("Docker is not available: LocalStack leg skipped", LocalStackLeg.reason(() -> false, current, "t"));
        String noToken = LocalStackLeg.reason(() -> true, current, null);
        assertTrue(noToken.startsWith("LocalStack image localstack/localstack:2026.03.0 needs LOCALSTACK_AUTH_TOKEN"),
                noToken);
        assertEquals(noToken, LocalStackLeg.reason(() -> true, current, " "));
        assertEquals(null, LocalStackLeg.reason(() -> true, current, "ls-token"));
        assertEquals(null, LocalStackLeg.reason(() -> true, community, null));
    }
}
