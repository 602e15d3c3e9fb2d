package io.zerosync.local.it;

import io.zerosync.local.LocalCloud;
import io.zerosync.local.emulators.FreePort;
import io.zerosync.ops.OpsCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ops CLI against a running local cloud, with the exit codes scripts rely on. */
class OpsCliIT {
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = TestClouds.live();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", cloud.httpEndpoint().toString()));
        int code = OpsCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("ZEROSYNC_ADMIN_TOKEN", TestClouds.TOKEN));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFullReimportWithWaitShowsItsProgressAndEndsWithExitZero() {
        new Api(cloud).createShop("CLI", "korean");

        Run run = cli("reimport", "--view", "shop-list", "--full", "--wait");

        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("[##############################] 100%"), run.out());
        assertTrue(run.out().contains("succeeded:"), run.out());
        Run reconcile = cli("reconcile", "--view", "shop-list");
        assertEquals(0, reconcile.code(), reconcile.out());
        assertTrue(reconcile.out().contains("missing"), reconcile.out());
        assertTrue(reconcile.out().contains("divergent") && reconcile.out().contains("ahead"), reconcile.out());
    }

    @Test
    void idsFromAFileDryRunJobsAndStatus() throws Exception {
        Api api = new Api(cloud);
        String a = api.createShop("File A", "korean");
        String b = api.createShop("File B", "korean");
        Path file = Files.createTempFile("ids", ".txt");
        Files.writeString(file, "# two shops\n" + a + "\n\n" + b + "\n");

        Run dry = cli("reimport", "--view", "shop-detail", "--ids", file.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("about 2 shops"), dry.out());

        Run run = cli("reimport", "--view", "shop-detail", "--ids", file.toString(), "--wait");
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("succeeded: 2 processed"), run.out());
        assertEquals(0, cli("jobs").code());
        Run status = cli("status");
        assertTrue(status.out().contains("shop-detail") && status.out().contains("shop-list"), status.out());
        assertEquals(0, cli("redrive", "--view", "shop-detail").code());
    }

    @Test
    void exitCodesScriptsCanTrust() {
        assertEquals(OpsCli.USAGE, cli("reimport", "--view", "shop-list").code(), "no scope");
        assertEquals(OpsCli.USAGE, cli("reimport", "--view", "shop-list", "--full", "--bogus").code());
        assertEquals(OpsCli.USAGE, cli("reimport", "--view", "shop-list", "--ids", "/no/such/file").code());
        Run refused = cli("reimport", "--view", "no-such-view", "--full");
        assertEquals(OpsCli.REFUSED, refused.code());
        assertTrue(refused.err().contains("no-such-view"), refused.err());
        assertEquals(OpsCli.REFUSED, cli("job", "job_unknown").code());

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int unreachable = OpsCli.run(new String[] {"jobs", "--api", "http://localhost:" + FreePort.pick()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), Map.of("ZEROSYNC_ADMIN_TOKEN", "t"));
        assertEquals(OpsCli.UNAVAILABLE, unreachable);
        assertEquals(OpsCli.USAGE, cli("token").code(), "the writer's token is the local jar's command, not the ops CLI's");
        int noToken = OpsCli.run(new String[] {"jobs"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err), Map.of());
        assertEquals(OpsCli.USAGE, noToken);
    }
}
