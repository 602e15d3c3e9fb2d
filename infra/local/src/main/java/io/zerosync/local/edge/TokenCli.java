package io.zerosync.local.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar zerosync-local.jar token [--subject S] [--ttl 1h] [--json]}: a writer's token from a running
 * local cloud ({@code POST /local/token}, which only the local cloud serves). Prints only the token, so
 * {@code DEV_TOKEN=$(... token)} captures it. Exit codes as the ops CLI's: 0 ok, 2 usage, 3 refused (4xx),
 * 4 the local cloud or the network failed.
 */
public final class TokenCli {
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int REFUSED = 3;
    public static final int UNAVAILABLE = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VALUED = Set.of("--subject", "--ttl", "--api", "--token");
    private static final Pattern TTL = Pattern.compile("(\\d{1,9})([smhd]?)");

    static final String HELP = """
            usage: java -jar zerosync-local.jar token [--subject S] [--ttl 1h] [--json]
              a writer's token from the running local cloud (s, m, h or d; at most 7d); prints only the token
            options: --api URL (ZEROSYNC_API_URL, default http://localhost:8080)
                     --token T (ZEROSYNC_ADMIN_TOKEN, the admin token the banner printed)
                     --json   print the whole answer""";

    private TokenCli() {
    }

    public static boolean handles(String command) {
        return "token".equals(command);
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean json = false;
        try {
            for (int i = 1; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--json")) {
                    json = true;
                } else if (VALUED.contains(name)) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    options.put(name.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown option " + name);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        String adminToken = options.getOrDefault("token", env.get("ZEROSYNC_ADMIN_TOKEN"));
        Map<String, Object> request = new LinkedHashMap<>();
        try {
            if (adminToken == null || adminToken.isBlank()) {
                throw new IllegalArgumentException("no credentials: pass --token (or set ZEROSYNC_ADMIN_TOKEN)");
            }
            request.put("subject", options.getOrDefault("subject", "dev"));
            request.put("ttlSeconds", ttlSeconds(options.getOrDefault("ttl", "1h")));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        URI api = URI.create(options.getOrDefault("api", env.getOrDefault("ZEROSYNC_API_URL", "http://localhost:8080"))
                .replaceAll("/+$", "") + "/local/token");
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request))).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status >= 400) {
                err.println((status >= 500 ? "failed" : "refused") + ": HTTP " + status + ": " + response.body());
                return status >= 500 ? UNAVAILABLE : REFUSED;
            }
            JsonNode answer = JSON.readTree(response.body());
            out.println(json ? answer.toPrettyString() : answer.path("token").asText());
            return OK;
        } catch (IOException e) {
            err.println("failed: cannot reach " + api + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNAVAILABLE;
        }
    }

    /** 90s, 30m, 1h, 2d (or plain seconds); the local cloud checks the upper bound. */
    static long ttlSeconds(String ttl) {
        Matcher m = TTL.matcher(ttl.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--ttl must look like 90s, 30m, 1h or 2d, was " + ttl);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            default -> n;
        };
    }

}
