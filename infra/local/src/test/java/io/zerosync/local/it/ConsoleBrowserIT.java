package io.zerosync.local.it;

import io.zerosync.local.LocalCloud;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ops console end to end in Debian's headless Chromium, driven by playwright-core (src/test/browser):
 * the page opened from the banner's kind of link shows both views, a full re-import is estimated, then
 * started from the page, and the page shows it succeeded. Skipped, with the reason, where chromium or
 * node/npm is missing ({@code .ci/install-browser} installs chromium).
 */
class ConsoleBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    /** infra/local, wherever the tests run from (the build runs them from the repository's root). */
    private static final Path MODULE = module();
    private static final Path SOURCES = MODULE.resolve("src/test/browser");
    private static final Path WORK = MODULE.resolve("target/browser");

    private record Run(int code, String output) {
    }

    @Test
    void aFullReimportStartedFromThePageIsShownSucceeded() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (run .ci/install-browser)");
        Assumptions.assumeTrue(runs("node", "--version"), "node is not installed");
        Assumptions.assumeTrue(runs("npm", "--version"), "npm is not installed");
        LocalCloud cloud = TestClouds.live();
        Api api = new Api(cloud);
        api.createShop("Console One", "korean");
        api.createShop("Console Two", "thai");

        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "console-e2e.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Run install = run(300, "npm", "ci", "--no-audit", "--no-fund");
        assertEquals(0, install.code(), "npm ci failed:\n" + install.output());

        Path screenshot = MODULE.resolve("target/console.png");
        Files.deleteIfExists(screenshot);
        // Through GET /?token=: the redirect the banner's link relies on, then the page drops the token from the URL.
        String url = cloud.httpEndpoint().resolve("/?token=" + TestClouds.TOKEN).toString();
        Run e2e = run(400, "node", "console-e2e.mjs", url, screenshot.toString());

        assertEquals(0, e2e.code(), e2e.output());
        assertTrue(e2e.output().contains("views: shop-detail, shop-list") || e2e.output().contains("views: shop-list, shop-detail"),
                e2e.output());
        assertTrue(e2e.output().matches("(?s).*estimate: Estimate for all \\(full, rebuild\\): [\\d,]+ shops.*"), e2e.output());
        assertTrue(e2e.output().matches("(?s).*job job_\\S+ succeeded: 100% .*"), e2e.output());
        assertTrue(e2e.output().contains("console e2e: ok"), e2e.output());
        assertTrue(Files.size(screenshot) > 10_000, "screenshot written");
    }

    private static Path module() {
        try {
            // target/test-classes -> the module
            return Path.of(ConsoleBrowserIT.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent().getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Run run(int timeoutSeconds, String... command) throws Exception {
        Path log = Files.createTempFile("console-browser", ".log");
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(ended ? process.exitValue() : -1, String.join(" ", command) + (ended ? "" : " (timed out)") + "\n" + output);
    }
}
