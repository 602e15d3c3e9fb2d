package io.zerosync.local.it;

import io.zerosync.local.ExternalAws;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.Map;

/**
 * Starts LocalStack (DynamoDB, SQS, SNS) in a container for a test cloud, or aborts the calling test class
 * with the reason it cannot: no Docker engine, or an image that needs {@code LOCALSTACK_AUTH_TOKEN} unset.
 * An aborted class shows as skipped, with that reason, in the console and the failsafe report.
 */
final class LocalStackLeg {
    private static String unavailable;
    private static boolean checked;

    private LocalStackLeg() {
    }

    /** Why the leg cannot run here, or null when it can. Checked once per JVM. */
    static synchronized String unavailableReason(Map<String, String> env) {
        if (!checked) {
            checked = true;
            unavailable = reason(() -> DockerHints.any(env) && DockerClientFactory.instance().isDockerAvailable(),
                    LocalStackImage.configured(env), env.get(LocalStackImage.TOKEN_ENV));
            if (unavailable != null) {
                // The console's line for the skip (the failsafe report carries it on every skipped test).
                System.out.println(unavailable);
            }
        }
        return unavailable;
    }

    /** Why the leg cannot run, or null: Docker first (asked only when needed), then the image's token. */
    static String reason(java.util.function.BooleanSupplier dockerAvailable, LocalStackImage image, String token) {
        if (!dockerAvailable.getAsBoolean()) {
            return "Docker is not available: LocalStack leg skipped";
        }
        if (image.needsAuthToken() && (token == null || token.isBlank())) {
            return "LocalStack image " + image.name() + " needs " + LocalStackImage.TOKEN_ENV
                    + ", which is not set: LocalStack leg skipped (set it, or choose an image that runs without"
                    + " one with -D" + LocalStackImage.PROPERTY + "=localstack/localstack:4.14.0)";
        }
        return null;
    }

    /** A fresh LocalStack for one test cloud (each cloud gets its own: the ITs name resources by logical ID). */
    static Started start() {
        Map<String, String> env = System.getenv();
        String reason = unavailableReason(env);
        Assumptions.assumeTrue(reason == null, reason);
        LocalStackImage image = LocalStackImage.configured(env);
        @SuppressWarnings("resource") // closed with the test cloud
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(image.name())
                .asCompatibleSubstituteFor("localstack/localstack"))
                .withServices("dynamodb", "sqs", "sns");
        String token = env.get(LocalStackImage.TOKEN_ENV);
        if (token != null && !token.isBlank()) {
            container.withEnv(LocalStackImage.TOKEN_ENV, token);
        }
        container.start();
        return new Started(container, ExternalAws.edge(container.getEndpoint()));
    }

    record Started(LocalStackContainer container, ExternalAws endpoints) implements AutoCloseable {
        @Override
        public void close() {
            container.stop();
        }
    }
}
