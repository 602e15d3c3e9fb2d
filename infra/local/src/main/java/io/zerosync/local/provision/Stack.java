package io.zerosync.local.provision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a provisioning produced, and the template's functions resolved against it. */
public final class Stack {
    private final Map<String, Object> template;
    private final Map<String, Physical> resources;
    private final Intrinsics intrinsics;
    private final List<RolePolicy> rolePolicies;
    private final List<QueuePolicy> queuePolicies;

    /** Marks a nested template's function whose own Globals are already merged in (the parent's do not apply). */
    static final String NESTED_GLOBALS_APPLIED = "ZerosyncLocalNestedGlobals";

    /** An AWS::IAM::Policy's document, attached to the role named {@code roleName}. */
    public record RolePolicy(String logicalId, String roleName, Map<String, Object> document) {
    }

    /** An AWS::SQS::QueuePolicy's document as it applies to one of its queues. */
    public record QueuePolicy(String logicalId, String queueArn, String queueUrl, Map<String, Object> document) {
    }

    Stack(Map<String, Object> template, Map<String, Physical> resources, Intrinsics intrinsics,
          List<RolePolicy> rolePolicies, List<QueuePolicy> queuePolicies) {
        this.template = template;
        this.resources = resources;
        this.intrinsics = intrinsics;
        this.rolePolicies = List.copyOf(rolePolicies);
        this.queuePolicies = List.copyOf(queuePolicies);
    }

    /** The AWS::IAM::Policy documents attached to a function's implicit role ({@code <FunctionLogicalId>Role}). */
    public List<Map<String, Object>> rolePoliciesOf(String functionLogicalId) {
        Physical role = resources.get(functionLogicalId + "Role");
        return role == null ? List.of() : rolePolicies.stream().filter(p -> p.roleName().equals(role.name()))
                .map(RolePolicy::document).toList();
    }

    /**
     * Every IAM statement the function's role holds, resolved: its Policies (SAM's templates expanded, inline
     * statements), SAM's poller grant for each of its SQS events, and the AWS::IAM::Policy documents attached
     * to its role (a view stack's grants). What the local cloud's IAM hop checks its calls against.
     */
    public List<Map<String, Object>> statementsOf(String functionLogicalId) {
        Map<String, Object> props = properties(functionLogicalId);
        Object policies = intrinsics.resolve(props.getOrDefault("Policies", List.of()), functionLogicalId + ".Policies");
        Physical any = resources.values().stream().filter(r -> "AWS::SNS::Topic".equals(r.type())).findFirst().orElse(null);
        String[] arn = any == null ? new String[] {"", "", "", "us-east-1", "000000000000"} : any.arn().split(":");
        List<Map<String, Object>> statements = new ArrayList<>(SamPolicies.statements(
                policies instanceof List<?> l ? l : List.of(policies), arn[3], arn[4], functionLogicalId + ".Policies"));
        sqsEventSources().stream().filter(s -> s.functionLogicalId().equals(functionLogicalId))
                .forEach(s -> statements.add(SamPolicies.poller(s.queueArn())));
        for (Map<String, Object> document : rolePoliciesOf(functionLogicalId)) {
            Object s = document.get("Statement");
            for (Object statement : s instanceof List<?> l ? l : List.of(s)) {
                statements.add(TemplateSections.map(statement));
            }
        }
        return statements;
    }

    public List<RolePolicy> rolePolicies() {
        return rolePolicies;
    }

    /** The template's queue policies, one entry per queue they apply to. */
    public List<QueuePolicy> queuePolicies() {
        return queuePolicies;
    }

    /** The template's Globals.Function, or none for a nested template's function (its own are merged in). */
    private Map<String, Object> globalsOf(String functionLogicalId) {
        return properties(functionLogicalId).containsKey(NESTED_GLOBALS_APPLIED) ? Map.of()
                : TemplateSections.path(template, "Globals", "Function");
    }

    public Physical resource(String logicalId) {
        Physical p = resources.get(logicalId);
        if (p == null) {
            throw new IllegalArgumentException("no resource " + logicalId + " in the template");
        }
        return p;
    }

    public Map<String, Physical> resources() {
        return Map.copyOf(resources);
    }

    /** Logical IDs of the template's functions, in template order. */
    public List<String> functions() {
        List<String> ids = new ArrayList<>();
        TemplateSections.resources(template).forEach((id, r) -> {
            if ("AWS::Serverless::Function".equals(TemplateSections.map(r).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** True for functions behind API Gateway (any event of type Api or HttpApi). */
    public boolean isApiFunction(String functionLogicalId) {
        return TemplateSections.map(properties(functionLogicalId).get("Events")).values().stream()
                .map(e -> TemplateSections.map(e).get("Type"))
                .anyMatch(t -> "Api".equals(t) || "HttpApi".equals(t));
    }

    /**
     * Api events whose Auth.Authorizer is one of the API's Cognito authorizers (one with a UserPoolArn), as
     * method and path: the routes API Gateway lets through only with a valid user-pool token.
     */
    public List<io.zerosync.local.edge.ProtectedRoutes.Route> userPoolRoutes() {
        Map<String, Object> authorizers = new LinkedHashMap<>();
        TemplateSections.resources(template).forEach((id, r) -> {
            if ("AWS::Serverless::Api".equals(TemplateSections.map(r).get("Type"))) {
                authorizers.putAll(TemplateSections.path(TemplateSections.map(r), "Properties", "Auth", "Authorizers"));
            }
        });
        List<io.zerosync.local.edge.ProtectedRoutes.Route> routes = new ArrayList<>();
        for (String fn : functions()) {
            TemplateSections.map(properties(fn).getOrDefault("Events", Map.of())).forEach((name, e) -> {
                Map<String, Object> event = TemplateSections.map(e);
                Map<String, Object> p = TemplateSections.map(event.get("Properties"));
                Object authorizer = TemplateSections.map(p.get("Auth")).get("Authorizer");
                if ("Api".equals(event.get("Type")) && authorizer instanceof String a
                        && TemplateSections.map(authorizers.get(a)).containsKey("UserPoolArn")) {
                    routes.add(new io.zerosync.local.edge.ProtectedRoutes.Route(String.valueOf(p.get("Method")),
                            String.valueOf(p.get("Path"))));
                }
            });
        }
        return routes;
    }

    public String handlerOf(String functionLogicalId) {
        return (String) properties(functionLogicalId).get("Handler");
    }

    /** The function's environment variables as Lambda would see them: Globals merged with its own, resolved. */
    public Map<String, String> environmentOf(String functionLogicalId) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> globals = TemplateSections.path(globalsOf(functionLogicalId), "Environment", "Variables");
        Map<String, Object> own = TemplateSections.path(properties(functionLogicalId), "Environment", "Variables");
        globals.forEach((k, v) -> env.put(k, intrinsics.resolveString(v, "Globals.Function.Environment." + k)));
        own.forEach((k, v) -> env.put(k, intrinsics.resolveString(v, functionLogicalId + ".Environment." + k)));
        return env;
    }

    /** A function's Schedule event: how often the local cloud invokes it. */
    public record Schedule(String functionLogicalId, String handler, java.time.Duration every) {
    }

    /** Schedule events with rate(...) expressions; cron(...) ones are not run locally. */
    public List<Schedule> schedules() {
        List<Schedule> schedules = new ArrayList<>();
        for (String fn : functions()) {
            TemplateSections.map(properties(fn).getOrDefault("Events", Map.of())).forEach((name, e) -> {
                Map<String, Object> event = TemplateSections.map(e);
                if (!"Schedule".equals(event.get("Type"))) {
                    return;
                }
                String expression = intrinsics.resolveString(TemplateSections.map(event.get("Properties")).get("Schedule"),
                        fn + ".Events." + name);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)")
                        .matcher(expression);
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    java.time.Duration every = m.group(2).startsWith("minute") ? java.time.Duration.ofMinutes(n)
                            : m.group(2).startsWith("hour") ? java.time.Duration.ofHours(n) : java.time.Duration.ofDays(n);
                    schedules.add(new Schedule(fn, handlerOf(fn), every));
                }
            });
        }
        return schedules;
    }

    public List<EventSource> sqsEventSources() {
        List<EventSource> sources = new ArrayList<>();
        for (String fn : functions()) {
            Map<String, Object> props = properties(fn);
            Object timeout = props.getOrDefault("Timeout", globalsOf(fn).get("Timeout"));
            TemplateSections.map(props.getOrDefault("Events", Map.of())).forEach((name, e) -> {
                Map<String, Object> event = TemplateSections.map(e);
                if (!"SQS".equals(event.get("Type"))) {
                    return;
                }
                Map<String, Object> p = TemplateSections.map(event.get("Properties"));
                String where = fn + ".Events." + name;
                String arn = intrinsics.resolveString(p.get("Queue"), where + ".Queue");
                Physical queue = resources.values().stream().filter(r -> arn.equals(r.arn())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(where + ": queue " + arn + " is not in the template"));
                Object types = p.getOrDefault("FunctionResponseTypes", List.of());
                Map<String, Object> scaling = TemplateSections.map(p.getOrDefault("ScalingConfig", Map.of()));
                sources.add(new EventSource(fn, name, handlerOf(fn), number(intrinsics.resolve(timeout, fn + ".Timeout"), 3),
                        queue.url(), queue.arn(),
                        number(intrinsics.resolve(p.get("BatchSize"), where), 10),
                        number(intrinsics.resolve(p.get("MaximumBatchingWindowInSeconds"), where), 0),
                        types instanceof List<?> l && l.contains("ReportBatchItemFailures"),
                        number(intrinsics.resolve(scaling.get("MaximumConcurrency"), where + ".ScalingConfig"), 2),
                        !"false".equals(String.valueOf(p.getOrDefault("Enabled", "true")))));
            });
        }
        return sources;
    }

    private Map<String, Object> properties(String logicalId) {
        return TemplateSections.path(TemplateSections.resources(template), logicalId, "Properties");
    }

    private static int number(Object value, int otherwise) {
        return value == null ? otherwise : Integer.parseInt(String.valueOf(value));
    }
}
