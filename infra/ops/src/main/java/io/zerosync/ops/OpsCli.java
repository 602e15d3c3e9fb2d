package io.zerosync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.SigV4Auth;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operators' CLI for re-imports, reconciles and redrives, talking to the admin API.
 *
 * <p>Exit codes: 0 done (job succeeded, no drift); 1 the job failed or was cancelled, or reconcile found
 * drift; 2 usage error (nothing was called); 3 the API refused the request (4xx, e.g. 409: a job is
 * already running on that view); 4 the API or the network failed (5xx, unreachable).
 */
public final class OpsCli {
    public static final int OK = 0;
    public static final int NOT_CLEAN = 1;
    public static final int USAGE = 2;
    public static final int REFUSED = 3;
    public static final int UNAVAILABLE = 4;
    private static final Set<String> COMMANDS = Set.of("reimport", "jobs", "job", "cancel", "reconcile", "redrive", "status",
            "console");

    static final String HELP = """
            usage: zs <command> [options]   (zs: java -jar zerosync-ops.jar)
              reimport --view V (--full | --ids FILE | --updated-from T --updated-to T)
                       [--mode rebuild|republish] [--dry-run] [--wait]
              jobs                 recent jobs
              job JOB              one job
              cancel JOB           cancel a job
              reconcile --view V [--repair] [--ids FILE | --updated-from T --updated-to T]
                                   without --ids/--updated-*: a reconcile job, waited for with progress
              redrive --view V     move the view's DLQ back to its queue
              status               per view: queue and DLQ depth, oldest message, lag
              console [--port N]   the ops console in the browser on 127.0.0.1:N (default 8081), forwarding
                                   /admin/* to --api with these credentials; prints the link to open
            options: --api URL (ZEROSYNC_API_URL, default http://localhost:8080)
                     --token T (ZEROSYNC_ADMIN_TOKEN)   or   --sigv4 [--region R] for a deployed stack
                     --json   print the API's JSON answer
              V is shop-detail, shop-list (or any view the deployment has) or, for reimport, all.
              FILE has one shop ID per line (# comments and blank lines ignored; - reads stdin).
            exit codes: 0 ok, 1 job failed/cancelled or drift found, 2 usage, 3 refused by the API (4xx), 4 API/network failure
            (a writer's token from the local cloud: java -jar zerosync-local.jar token)""";

    private OpsCli() {
    }

    public static boolean handles(String command) {
        return COMMANDS.contains(command);
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        try {
            AdminClient client = new AdminClient(URI.create(a.option("api", env.getOrDefault("ZEROSYNC_API_URL",
                    "http://localhost:8080"))), auth(a, env));
            return new Commands(client, a, out, env.containsKey("TERM") && System.console() != null).run();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (AdminClient.Refused e) {
            err.println("refused: " + e.getMessage());
            return REFUSED;
        } catch (AdminClient.Unavailable e) {
            err.println("failed: " + e.getMessage());
            return UNAVAILABLE;
        }
    }

    private static RequestAuth auth(Args a, Map<String, String> env) {
        if (a.flag("sigv4")) {
            String region = a.option("region", env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1")));
            return new SigV4Auth(DefaultCredentialsProvider.builder().build(), region);
        }
        String token = a.option("token", env.get("ZEROSYNC_ADMIN_TOKEN"));
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no credentials: pass --token (or set ZEROSYNC_ADMIN_TOKEN), or --sigv4");
        }
        return RequestAuth.bearer(token);
    }

    /** Parsed arguments: the command, its positional arguments, options with values, and flags. */
    record Args(String command, List<String> positional, Map<String, String> options, Set<String> flags) {
        private static final Set<String> FLAGS = Set.of("full", "dry-run", "wait", "repair", "json", "sigv4");
        private static final Set<String> VALUED = Set.of("view", "ids", "updated-from", "updated-to", "mode", "api",
                "token", "region", "port");

        static Args parse(String[] args) {
            if (args.length == 0 || !handles(args[0])) {
                throw new IllegalArgumentException(args.length == 0 ? "no command" : "unknown command " + args[0]);
            }
            List<String> positional = new ArrayList<>();
            Map<String, String> options = new LinkedHashMap<>();
            Set<String> flags = new java.util.HashSet<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    positional.add(arg);
                    continue;
                }
                String name = arg.substring(2);
                if (FLAGS.contains(name)) {
                    flags.add(name);
                } else if (VALUED.contains(name)) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    options.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            return new Args(args[0], positional, options, flags);
        }

        String option(String name, String otherwise) {
            return options.getOrDefault(name, otherwise);
        }

        boolean flag(String name) {
            return flags.contains(name);
        }

        String require(String name) {
            String v = options.get(name);
            if (v == null) {
                throw new IllegalArgumentException(command + " needs --" + name);
            }
            return v;
        }
    }

    /** Reads --ids FILE: one ID per line, '#' comments and blank lines ignored, '-' for stdin. */
    static List<String> readIds(String file) {
        try {
            String text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file));
            List<String> ids = new ArrayList<>();
            for (String line : text.split("\\R")) {
                String id = line.replaceAll("#.*", "").strip();
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no IDs");
            }
            return ids;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The scope options (--full, --ids, --updated-from/--updated-to) as the API's scope object; null if none. */
    static Map<String, Object> scope(Args a, boolean required) {
        int given = (a.flag("full") ? 1 : 0) + (a.options().containsKey("ids") ? 1 : 0)
                + (a.options().containsKey("updated-from") || a.options().containsKey("updated-to") ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("give one of --full, --ids FILE, --updated-from/--updated-to");
        }
        if (given == 0) {
            if (required) {
                throw new IllegalArgumentException(a.command() + " needs --full, --ids FILE or --updated-from T --updated-to T");
            }
            return null;
        }
        if (a.flag("full")) {
            return Map.of("type", "full");
        }
        if (a.options().containsKey("ids")) {
            return Map.of("type", "ids", "ids", readIds(a.options().get("ids")));
        }
        return Map.of("type", "updated", "from", a.require("updated-from"), "to", a.require("updated-to"));
    }

    static String describe(JsonNode job) {
        return job.path("jobId").asText() + "  " + job.path("view").asText() + "  " + job.path("scope").path("type").asText()
                + "  " + job.path("mode").asText() + "  " + Progress.line(job)
                + (job.hasNonNull("reason") ? "  reason: " + job.get("reason").asText() : "");
    }
}
