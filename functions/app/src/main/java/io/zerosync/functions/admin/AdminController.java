package io.zerosync.functions.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.zerosync.shop.command.ShopNotFoundException;
import io.zerosync.shop.domain.Ids;
import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.kernel.input.Text;
import io.zerosync.kernel.recovery.Drift;
import io.zerosync.kernel.recovery.Reconciler;
import io.zerosync.kernel.recovery.ReimportJob;
import io.zerosync.kernel.recovery.ReimportMode;
import io.zerosync.kernel.recovery.ReimportScope;
import io.zerosync.kernel.recovery.ReimportService;
import io.zerosync.kernel.port.ViewCatalog;
import io.zerosync.kernel.port.ViewQueues;
import io.zerosync.kernel.sync.SyncReport;
import io.zerosync.kernel.sync.View;
import io.zerosync.functions.http.JsonBodies;
import io.zerosync.functions.sync.LagWindow;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The operators' API: re-imports, DLQ redrive, reconcile and per-view health. IAM auth on AWS. */
@Controller("/admin")
public class AdminController {
    /** Ahead rows put back per reconcile call (inside the API's time limit); a second call does the rest. */
    private static final int RESTORE_AT_ONCE = 1_000;
    private static final Set<String> REIMPORT_FIELDS = Set.of("view", "scope", "mode", "dryRun");
    private static final Set<String> RECONCILE_FIELDS = Set.of("scope", "repair");
    private static final Set<String> RECONCILE_JOB_FIELDS = Set.of("view", "scope", "repair");
    /**
     * A full-scope reconcile answers in the request only up to this many shops (the source's approximate
     * count): it holds the export and the view in memory. Beyond, it is a job (POST /admin/reconciles).
     */
    static final long SYNC_FULL_MAX_SHOPS = 5_000;
    /** Stored drift pages (each up to a task page of IDs) read per drift request. */
    private static final int DRIFT_PAGES_AT_ONCE = 4;

    private final ReimportService reimports;
    private final Reconciler reconciler;
    private final ViewCatalog views;
    private final ViewQueues queues;
    private final LagWindow lag;
    private final JsonBodies bodies;
    private final Clock clock;

    public AdminController(ReimportService reimports, Reconciler reconciler, ViewCatalog views, ViewQueues queues,
                           LagWindow lag, JsonBodies bodies, Clock clock) {
        this.clock = clock;
        this.reimports = reimports;
        this.reconciler = reconciler;
        this.views = views;
        this.queues = queues;
        this.lag = lag;
        this.bodies = bodies;
    }

    @Post("/reimports")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> start(@Body @Nullable byte[] body) {
        Map<?, ?> request = object(bodies.parse(body), REIMPORT_FIELDS);
        if (!(request.get("view") instanceof String view)) {
            throw InvalidInputException.invalid("view", "is required (a view name or \"all\")");
        }
        ReimportScope scope = ReimportScope.parse(request.get("scope"));
        ReimportMode mode = ReimportMode.parse(request.get("mode"));
        if (flag(request, "dryRun")) {
            ReimportService.Estimate e = reimports.estimate(view, scope);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dryRun", true);
            out.put("estimate", Map.of("shops", e.entities(), "sourceCalls", e.sourceCalls(),
                    "durationSeconds", e.durationSeconds()));
            return HttpResponse.ok(out);
        }
        ReimportJob job = reimports.start(view, scope, mode);
        return HttpResponse.<Map<String, Object>>accepted(URI.create("/admin/reimports/" + job.jobId()))
                .body(describe(job));
    }

    @Get("/reimports")
    public Map<String, Object> jobs(@QueryValue @Nullable String limit) {
        int n = limit == null ? 20 : Math.max(1, Math.min(100, integer("limit", limit)));
        return Map.of("jobs", reimports.recent(n).stream().map(this::describe).toList());
    }

    @Get("/reimports/{jobId}")
    public Map<String, Object> job(@PathVariable String jobId) {
        return reimports.get(jobId(jobId)).map(this::describe)
                .orElseThrow(() -> new ShopNotFoundException("job " + jobId));
    }

    @Delete("/reimports/{jobId}")
    public Map<String, Object> cancel(@PathVariable String jobId) {
        return reimports.cancel(jobId(jobId)).map(this::describe)
                .orElseThrow(() -> new ShopNotFoundException("job " + jobId));
    }

    @Post("/views/{view}/dlq/redrive")
    public Map<String, Object> redrive(@PathVariable String view) {
        String name = views.get(view).name();
        return Map.of("view", name, "moved", queues.redrive(name));
    }

    @Post("/views/{view}/reconcile")
    public Map<String, Object> reconcile(@PathVariable String view, @Body @Nullable byte[] body) {
        View<?> target = views.get(view);
        Map<?, ?> request = JsonBodies.isBlank(body) ? Map.of() : object(bodies.parse(body), RECONCILE_FIELDS);
        ReimportScope scope = ReimportScope.parse(request.get("scope"));
        boolean repair = flag(request, "repair");
        if (scope instanceof ReimportScope.Full && reimports.estimate(target.name(), scope).entities() > SYNC_FULL_MAX_SHOPS) {
            throw new InvalidInputException("use_reconcile_job", "a full reconcile of more than "
                    + SYNC_FULL_MAX_SHOPS + " shops runs as a job: POST /admin/reconciles {\"view\":"
                    + Text.quote(target.name()) + ",\"repair\":" + repair + "} (zs reconcile --view "
                    + target.name() + ")");
        }
        Drift drift = reconciler.reconcile(target, scope);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("view", target.name());
        out.putAll(drift.toJson());
        Object repairJob = null;
        Object restored = null;
        if (repair && !drift.none()) {
            if (!drift.ahead().isEmpty()) {
                // Rows ahead of the source are few (a restore of the write table) and need a write
                // conditioned on the version just read, so they are put back here and now.
                SyncReport report = reconciler.restoreAhead(target,
                        drift.ahead().subList(0, Math.min(drift.ahead().size(), RESTORE_AT_ONCE)));
                restored = Map.of("written", report.written(), "unchanged", report.unchanged(),
                        "failed", report.failures().size());
            }
            List<String> ids = drift.rebuildable();
            if (!ids.isEmpty()) {
                repairJob = describe(reimports.start(target.name(),
                        new ReimportScope.Ids(ids.subList(0, Math.min(ids.size(), ReimportScope.MAX_IDS))),
                        ReimportMode.REBUILD));
            }
        }
        out.put("restored", restored);
        out.put("repairJob", repairJob);
        return out;
    }

    /** Starts a reconcile job: 202 with the job; its drift is stored and paged (see {@link #drift}). */
    @Post("/reconciles")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> startReconcile(@Body @Nullable byte[] body) {
        Map<?, ?> request = object(bodies.parse(body), RECONCILE_JOB_FIELDS);
        if (!(request.get("view") instanceof String view)) {
            throw InvalidInputException.invalid("view", "is required (one view name)");
        }
        ReimportScope scope = ReimportScope.parse(request.get("scope"));
        ReimportJob job = reimports.startReconcile(view, scope, flag(request, "repair"));
        return HttpResponse.<Map<String, Object>>accepted(URI.create("/admin/reconciles/" + job.jobId()))
                .body(describe(job));
    }

    @Get("/reconciles/{jobId}")
    public Map<String, Object> reconcileJob(@PathVariable String jobId) {
        return reconcileJobOf(jobId(jobId)).map(this::describe)
                .orElseThrow(() -> new ShopNotFoundException("reconcile job " + jobId));
    }

    @Delete("/reconciles/{jobId}")
    public Map<String, Object> cancelReconcile(@PathVariable String jobId) {
        reconcileJobOf(jobId(jobId)).orElseThrow(() -> new ShopNotFoundException("reconcile job " + jobId));
        return reimports.cancel(jobId).map(this::describe)
                .orElseThrow(() -> new ShopNotFoundException("reconcile job " + jobId));
    }

    /** One page of the IDs a reconcile job found in one class; follow {@code nextCursor} until null. */
    @Get("/reconciles/{jobId}/drift")
    public Map<String, Object> drift(@PathVariable String jobId, @QueryValue("class") @Nullable String driftClass,
                                     @QueryValue @Nullable String cursor) {
        reconcileJobOf(jobId(jobId)).orElseThrow(() -> new ShopNotFoundException("reconcile job " + jobId));
        if (driftClass == null || !Drift.CLASSES.contains(driftClass)) {
            throw InvalidInputException.invalid("class", "must be one of " + String.join(", ", Drift.CLASSES));
        }
        if (cursor != null && (cursor.isEmpty() || cursor.length() > 300)) {
            throw new InvalidInputException("invalid_cursor", "cursor must be a nextCursor this API answered");
        }
        io.zerosync.kernel.port.JobStore.DriftPage page;
        try {
            page = reimports.drift(jobId, driftClass, cursor, DRIFT_PAGES_AT_ONCE);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid_cursor", "cursor must be a nextCursor this API answered");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobId", jobId);
        out.put("class", driftClass);
        out.put("ids", page.ids());
        out.put("nextCursor", page.nextCursor());
        return out;
    }

    private java.util.Optional<ReimportJob> reconcileJobOf(String jobId) {
        return reimports.get(jobId).filter(j -> j.mode().reconciles());
    }

    @Get("/views")
    public Map<String, Object> health() {
        return Map.of("views", views.all().stream().map(v -> {
            ViewQueues.QueueStats stats = queues.stats(v.name());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("view", v.name());
            json.put("queueDepth", stats.depth());
            json.put("inFlight", stats.inFlight());
            json.put("dlqDepth", stats.dlqDepth());
            json.put("oldestMessageAgeSeconds", stats.oldestAgeSeconds());
            json.put("lag", lag.percentiles(v.name()));
            return json;
        }).toList());
    }

    private Map<String, Object> describe(ReimportJob job) {
        return JobJson.of(job, clock.instant());
    }

    private static Map<?, ?> object(Object json, Set<String> allowed) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new InvalidInputException("invalid_body", "body must be a JSON object");
        }
        for (Object key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidInputException("unknown_field", "unknown field " + Text.quote(key) + "; allowed: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return map;
    }

    private static boolean flag(Map<?, ?> request, String field) {
        Object value = request.get(field);
        if (value != null && !(value instanceof Boolean)) {
            throw InvalidInputException.invalid(field, "must be true or false");
        }
        return Boolean.TRUE.equals(value);
    }

    private static int integer(String field, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.invalid(field, "must be an integer");
        }
    }

    /** Job IDs are ours ("job_" and hex); anything else cannot name a job and must not reach DynamoDB as a key. */
    private static String jobId(String jobId) {
        if (jobId == null || !Ids.ID.matcher(jobId).matches()) {
            throw new InvalidInputException("invalid_id", "jobId must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return jobId;
    }
}
