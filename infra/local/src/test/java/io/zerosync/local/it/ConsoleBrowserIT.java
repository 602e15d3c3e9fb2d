package io.zerosync.local.it;

import io.zerosync.local.LocalCloud;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.ops.ConsoleServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ops console end to end in Debian's headless Chromium, driven by playwright-core (src/test/browser):
 * the page opened from the banner's kind of link shows both views (and, without a token, asks for it once per
 * tab), a full re-import is estimated, then
 * started from the page, and the page shows it succeeded; a reconcile shows its drift table and a refusal
 * is shown as the API's error. The same again through {@code zs console}'s forwarder. Skipped, with the reason, where chromium or
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

    private static boolean installed;

    /**
     * In each test, not in a {@code @BeforeAll}: an assumption failing there aborts the class and the
     * report shows no test at all, where this way each test is reported skipped with the reason.
     */
    private static synchronized void browserAndScript() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (run .ci/install-browser)");
        Assumptions.assumeTrue(runs("node", "--version"), "node is not installed");
        Assumptions.assumeTrue(runs("npm", "--version"), "npm is not installed");
        if (installed) {
            return;
        }
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "console-e2e.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Run install = run(300, "npm", "ci", "--no-audit", "--no-fund");
        assertEquals(0, install.code(), "npm ci failed:\n" + install.output());
        installed = true;
    }

    @Test
    void aFullReimportStartedFromThePageIsShownSucceeded() throws Exception {
        browserAndScript();
        LocalCloud cloud = TestClouds.live();
        Api api = new Api(cloud);
        api.createShop("Console One", "korean");
        api.createShop("Console Two", "thai");
        Path screenshot = MODULE.resolve("target/console.png");
        Files.deleteIfExists(screenshot);

        // Through GET /?token=: the redirect the banner's link relies on; the page then drops the token from the URL.
        Run e2e = e2e(cloud.httpEndpoint().resolve("/?token=" + TestClouds.TOKEN).toString(), screenshot);

        assertRanThrough(e2e);
        assertTrue(Files.size(screenshot) > 10_000, "screenshot written");
    }

    @Test
    void theSamePageWorksThroughZsConsoleWhichSignsTheAdminCallsItself() throws Exception {
        browserAndScript();
        LocalCloud cloud = TestClouds.live();
        new Api(cloud).createShop("Console Three", "korean");
        try (ConsoleServer forwarder = ConsoleServer.start(cloud.httpEndpoint(), RequestAuth.bearer(TestClouds.TOKEN), 0)) {
            Run e2e = e2e(forwarder.link().toString(), MODULE.resolve("target/console-forwarded.png"));

            assertRanThrough(e2e);
        }
    }

    private static Run e2e(String url, Path screenshot) throws Exception {
        Run e2e = run(400, "node", "console-e2e.mjs", url, screenshot.toString());
        System.out.println(e2e.output());
        return e2e;
    }

    private static void assertRanThrough(Run e2e) {
        String out = e2e.output();
        assertEquals(0, e2e.code(), out);
        assertTrue(out.contains("views: shop-detail, shop-list") || out.contains("views: shop-list, shop-detail"), out);
        assertTrue(out.contains("token: asked once, kept for the tab"), out);
        assertTrue(out.matches("(?s).*estimate: Estimate for all \\(full, rebuild\\): [1-9][\\d,]* shops.*"), out);
        assertTrue(out.matches("(?s).*job job_\\S+ succeeded: 100% .*"), out);
        assertTrue(out.matches("(?s).*reconcile: Reconcile of shop-list succeeded \\(job_\\S+\\): no drift \\(5 classes\\).*"), out);
        assertTrue(out.matches("(?s).*refusal shown: estimate: HTTP 400 [a-z_]+ — .+"), out);
        assertTrue(out.contains("console e2e: ok"), out);
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
