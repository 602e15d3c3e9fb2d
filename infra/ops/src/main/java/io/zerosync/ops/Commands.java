package io.zerosync.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** What each CLI command does against the admin API, and which exit code it ends with. */
final class Commands {
    private static final String[] DRIFT_CLASSES = {"missing", "stale", "orphan", "divergent", "ahead"};

    private final AdminClient client;
    private final OpsCli.Args a;
    private final PrintStream out;
    private final boolean terminal;

    Commands(AdminClient client, OpsCli.Args a, PrintStream out, boolean terminal) {
        this.client = client;
        this.a = a;
        this.out = out;
        this.terminal = terminal;
    }

    int run() {
        return switch (a.command()) {
            case "reimport" -> reimport();
            case "jobs" -> print(client.call("GET", "/admin/reimports", null), json -> json.get("jobs")
                    .forEach(j -> out.println(OpsCli.describe(j))));
            case "job" -> finished(print(client.call("GET", "/admin/reimports/" + jobId(), null),
                    j -> out.println(OpsCli.describe(j))));
            case "cancel" -> print(client.call("DELETE", "/admin/reimports/" + jobId(), null),
                    j -> out.println(OpsCli.describe(j)));
            case "reconcile" -> reconcile();
            case "redrive" -> print(client.call("POST", "/admin/views/" + a.require("view") + "/dlq/redrive", null),
                    j -> out.println("moved " + j.get("moved").asInt() + " message(s) from the " + j.get("view").asText()
                            + " DLQ back to its queue"));
            case "status" -> print(client.call("GET", "/admin/views", null), this::status);
            case "console" -> console();
            default -> throw new IllegalArgumentException("unknown command " + a.command());
        };
    }

    /** Serves until the process is stopped (Ctrl-C); the link carries this run's session token. */
    private int console() {
        String port = a.option("port", "8081");
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("--port must be 0-65535, was " + port);
        }
        try {
            ConsoleServer server = ConsoleServer.start(client, Integer.parseInt(port));
            out.println("ops console: " + server.link() + "   (forwards /admin/* to the API; Ctrl-C stops)");
            new java.util.concurrent.CountDownLatch(1).await();
            return OpsCli.OK;
        } catch (java.io.IOException e) {
            throw new AdminClient.Unavailable("cannot serve on port " + port + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OpsCli.OK;
        }
    }

    private int reimport() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("view", a.require("view"));
        request.put("scope", OpsCli.scope(a, true));
        request.put("mode", a.option("mode", "rebuild"));
        if (a.flag("dry-run")) {
            request.put("dryRun", true);
            return print(client.call("POST", "/admin/reimports", request), j -> {
                JsonNode e = j.get("estimate");
                out.println("dry run: about " + e.get("shops").asLong() + " shops, " + e.get("sourceCalls").asLong()
                        + " source calls, " + e.get("durationSeconds").asLong() + " s");
            });
        }
        JsonNode job = client.call("POST", "/admin/reimports", request);
        if (!a.flag("wait")) {
            return print(job, j -> out.println("started " + OpsCli.describe(j)));
        }
        job = waitFor(job, "/admin/reimports/");
        out.println(job.get("state").asText() + ": " + job.get("processed").asLong() + " processed, "
                + job.get("failed").asLong() + " failed" + (job.get("failedIds").isEmpty() ? "" : " " + job.get("failedIds"))
                + (job.hasNonNull("reason") ? " (" + job.get("reason").asText() + ")" : ""));
        if (a.flag("json")) {
            out.println(job.toPrettyString());
        }
        return "succeeded".equals(job.get("state").asText()) ? OpsCli.OK : OpsCli.NOT_CLEAN;
    }

    /** Polls a started job until it ends, showing progress; answers the finished job. */
    private JsonNode waitFor(JsonNode job, String route) {
        out.println("started " + job.get("jobId").asText() + " (Ctrl-C stops waiting, not the job; cancel with: cancel "
                + job.get("jobId").asText() + ")");
        Progress progress = new Progress(out, terminal);
        String path = route + job.get("jobId").asText();
        while (true) {
            job = client.call("GET", path, null);
            boolean done = isFinished(job);
            progress.show(job, done);
            if (done) {
                progress.end();
                return job;
            }
            sleep();
        }
    }

    /**
     * A full reconcile is a job (POST /admin/reconciles): started, waited for with progress, then each
     * class's count and its first IDs from the stored drift report.
     */
    private int reconcileJob() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("view", a.require("view"));
        request.put("repair", a.flag("repair"));
        JsonNode job = waitFor(client.call("POST", "/admin/reconciles", request), "/admin/reconciles/");
        String jobId = job.get("jobId").asText();
        long total = 0;
        for (String kind : DRIFT_CLASSES) {
            long count = job.at("/drift/" + kind).asLong();
            total += count;
            if (!a.flag("json")) {
                JsonNode first = count == 0 ? null
                        : client.call("GET", "/admin/reconciles/" + jobId + "/drift?class=" + kind, null).get("ids");
                out.println(String.format("%-9s %6d  %s", kind, count, first == null ? "[]" : sample(first)));
            }
        }
        out.println(job.get("state").asText() + ": " + job.get("processed").asLong() + " compared, " + total
                + " drifted" + (a.flag("repair") ? ", " + job.get("failed").asLong() + " failed to repair" : "")
                + (job.hasNonNull("reason") ? " (" + job.get("reason").asText() + ")" : "")
                + "; all IDs: GET /admin/reconciles/" + jobId + "/drift?class=CLASS");
        if (a.flag("json")) {
            out.println(job.toPrettyString());
        }
        if (!"succeeded".equals(job.get("state").asText())) {
            return OpsCli.NOT_CLEAN;
        }
        // With --repair, drift that was repaired (without failures) is not an error.
        return total == 0 || a.flag("repair") ? OpsCli.OK : OpsCli.NOT_CLEAN;
    }

    private static String sample(JsonNode ids) {
        java.util.List<String> first = new java.util.ArrayList<>();
        ids.forEach(id -> first.add(id.asText()));
        first.sort(null);
        return first.subList(0, Math.min(20, first.size())).toString();
    }

    private int reconcile() {
        Map<String, Object> request = new LinkedHashMap<>();
        Map<String, Object> scope = OpsCli.scope(a, false);
        if (scope == null || "full".equals(scope.get("type"))) {
            return reconcileJob();
        }
        if (scope != null) {
            request.put("scope", scope);
        }
        request.put("repair", a.flag("repair"));
        JsonNode drift = client.call("POST", "/admin/views/" + a.require("view") + "/reconcile", request);
        print(drift, d -> {
            for (String kind : DRIFT_CLASSES) {
                out.println(String.format("%-9s %6d  %s", kind, d.get(kind).get("count").asLong(), d.get(kind).get("sample")));
            }
            if (d.hasNonNull("restored")) {
                out.println("restored " + d.at("/restored/written").asLong() + " row(s) ahead of the source ("
                        + d.at("/restored/failed").asLong() + " failed)");
            }
            if (d.hasNonNull("repairJob")) {
                out.println("repair job " + OpsCli.describe(d.get("repairJob")));
            }
        });
        long total = 0;
        for (String kind : DRIFT_CLASSES) {
            total += drift.at("/" + kind + "/count").asLong();
        }
        // With --repair, drift that was handed to a repair (and restored without failures) is not an error.
        boolean repaired = a.flag("repair") && drift.at("/restored/failed").asLong() == 0;
        return total == 0 || repaired ? OpsCli.OK : OpsCli.NOT_CLEAN;
    }

    private void status(JsonNode json) {
        out.println(String.format("%-14s %8s %8s %8s %10s %8s %8s", "view", "queue", "inflight", "dlq", "oldest(s)", "lag p50", "lag p99"));
        for (JsonNode v : json.get("views")) {
            out.println(String.format("%-14s %8d %8d %8d %10s %8s %8s", v.get("view").asText(), v.get("queueDepth").asLong(),
                    v.get("inFlight").asLong(), v.get("dlqDepth").asLong(),
                    v.get("oldestMessageAgeSeconds").isNull() ? "-" : v.get("oldestMessageAgeSeconds").asText(),
                    v.at("/lag/p50").isMissingNode() ? "-" : v.at("/lag/p50").asText() + "ms",
                    v.at("/lag/p99").isMissingNode() ? "-" : v.at("/lag/p99").asText() + "ms"));
        }
    }

    private int print(JsonNode json, java.util.function.Consumer<JsonNode> table) {
        if (a.flag("json")) {
            out.println(json.toPrettyString());
        } else {
            table.accept(json);
        }
        return OpsCli.OK;
    }

    /** `job JOB` exits like `reimport --wait` would for a finished job. */
    private int finished(int printed) {
        JsonNode job = client.call("GET", "/admin/reimports/" + jobId(), null);
        return !isFinished(job) || "succeeded".equals(job.get("state").asText()) ? printed : OpsCli.NOT_CLEAN;
    }

    private String jobId() {
        if (a.positional().size() != 1) {
            throw new IllegalArgumentException(a.command() + " needs exactly one JOB id");
        }
        return a.positional().get(0);
    }

    private static boolean isFinished(JsonNode job) {
        String state = job.path("state").asText();
        return state.equals("succeeded") || state.equals("failed") || state.equals("cancelled");
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminClient.Unavailable("interrupted while waiting");
        }
    }
}
