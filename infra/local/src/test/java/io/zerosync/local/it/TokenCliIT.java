package io.zerosync.local.it;

import io.zerosync.local.LocalCloud;
import io.zerosync.local.edge.TokenCli;
import io.zerosync.local.emulators.FreePort;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code java -jar zerosync-local.jar token} against a running local cloud, with the ops CLI's exit codes. */
class TokenCliIT {
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = TestClouds.live();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run token(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("token"));
        all.addAll(List.of(args));
        int code = TokenCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run token(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", cloud.httpEndpoint().toString()));
        return token(Map.of("ZEROSYNC_ADMIN_TOKEN", TestClouds.TOKEN), all.toArray(String[]::new));
    }

    @Test
    void theTokenCommandMintsAWritersToken_thatTheWriteRoutesAccept() {
        Run run = token("--subject", "ops-alice", "--ttl", "10m");
        assertEquals(0, run.code(), run.out() + run.err());
        String minted = run.out().strip();
        assertEquals(3, minted.split("\\.").length, run.out());

        Api writer = new Api(cloud.httpEndpoint(), TestClouds.TOKEN, minted);
        assertEquals(201, writer.post("/shops", Api.shop("Minted", "korean")).status());
        assertEquals(401, new Api(cloud.httpEndpoint(), TestClouds.TOKEN).post("/shops", Api.shop("No", "korean")).status());
    }

    @Test
    void exitCodesScriptsCanTrust() {
        assertEquals(TokenCli.USAGE, token("--ttl", "soon").code());
        assertEquals(TokenCli.USAGE, token("--bogus").code());
        assertEquals(TokenCli.REFUSED, token("--ttl", "30d").code(), "longer than 7 days");
        assertEquals(TokenCli.REFUSED, token(Map.of("ZEROSYNC_ADMIN_TOKEN", "wrong"), "--api",
                cloud.httpEndpoint().toString()).code(), "not the admin token");
        assertEquals(TokenCli.UNAVAILABLE, token(Map.of("ZEROSYNC_ADMIN_TOKEN", "t"), "--api",
                "http://localhost:" + FreePort.pick()).code());
        assertEquals(TokenCli.USAGE, token(Map.of(), "--api", cloud.httpEndpoint().toString()).code(), "no admin token");
    }
}
