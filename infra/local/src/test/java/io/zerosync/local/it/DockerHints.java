package io.zerosync.local.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether anything suggests a Docker engine at all, before asking Testcontainers (whose probing of every
 * strategy takes seconds where there is none): a DOCKER_HOST, a Testcontainers or Docker CLI configuration that
 * may name one, or a socket where Docker, Docker Desktop or rootless Docker put theirs. Only "no hint at all"
 * is taken as an answer; any hint is left to Testcontainers to confirm.
 */
final class DockerHints {
    private DockerHints() {
    }

    static boolean any(Map<String, String> env) {
        if (System.getProperty("os.name", "").startsWith("Windows") || present(env.get("DOCKER_HOST"))
                || present(env.get("TESTCONTAINERS_DOCKER_CLIENT_STRATEGY")) || present(env.get("TC_HOST"))) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home", "/"));
        List<Path> places = new ArrayList<>(List.of(
                home.resolve(".testcontainers.properties"),
                home.resolve(".docker/config.json"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                Path.of("/var/run/docker.sock"),
                Path.of("/run/docker.sock")));
        if (present(env.get("XDG_RUNTIME_DIR"))) {
            places.add(Path.of(env.get("XDG_RUNTIME_DIR"), "docker.sock"));
        }
        return places.stream().anyMatch(Files::exists) || rootlessSocketExists();
    }

    /** Rootless Docker's default socket, /run/user/UID/docker.sock, for any user (the UID is not at hand). */
    private static boolean rootlessSocketExists() {
        try (var users = Files.list(Path.of("/run/user"))) {
            return users.anyMatch(dir -> Files.exists(dir.resolve("docker.sock")));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
