package io.zerosync.local;

import io.zerosync.local.edge.DevIssuer;
import io.zerosync.local.edge.ProtectedRoutes;
import io.zerosync.local.emulators.DynamoDbLocalServer;
import io.zerosync.local.emulators.ElasticMqServer;
import io.zerosync.local.emulators.LocalAws;
import io.zerosync.local.faults.DynamoDbError;
import io.zerosync.local.faults.DynamoDbFaultProxy;
import io.zerosync.local.faults.FaultKind;
import io.zerosync.local.faults.FaultProxy;
import io.zerosync.local.faults.Faults;
import io.zerosync.local.provision.EventSource;
import io.zerosync.local.provision.Provisioner;
import io.zerosync.local.provision.Stack;
import io.zerosync.local.runtime.FunctionEnvironment;
import io.zerosync.local.runtime.LocalHttpApi;
import io.zerosync.local.runtime.Pollers;
import io.zerosync.local.runtime.Schedules;
import io.zerosync.local.sns.SnsEndpoint;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The composition root of the embedded local cloud: starts DynamoDB Local and ElasticMQ (side by side),
 * the SNS endpoint (or uses {@link ExternalAws} endpoints such as LocalStack's instead), provisions template.yaml, serves the API functions' controllers over HTTP and polls
 * every SQS event source into the handler class the template names. One JVM, no Docker.
 */
public final class LocalCloud implements AutoCloseable {
    private static final String API_ROUTES = "ZEROSYNC_API_ROUTES";
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final LocalCloudOptions options;
    private DynamoDbLocalServer dynamoDbServer;
    private DynamoDbFaultProxy dynamoDbFaults;
    private ElasticMqServer elasticMq;
    private SnsEndpoint snsEndpoint;
    // IAM on the wire: every function's DynamoDB and SQS calls go through these (embedded services only).
    private io.zerosync.local.iam.IamHop dynamoDbIam;
    private io.zerosync.local.iam.IamHop sqsIam;
    // Where DynamoDB, SQS and SNS are: the embedded services' or the external ones' (see ExternalAws).
    private URI dynamoDbUri;
    private URI sqsUri;
    private URI snsUri;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private SnsClient sns;
    private Stack stack;
    private LocalHttpApi http;
    private Pollers pollers;
    private Faults faults;
    private FaultProxy sourceFaults;
    private DevIssuer devIssuer;
    private ProtectedRoutes protectedRoutes;
    private String devToken;
    private final long startedNanos = System.nanoTime();
    private long readyMillis;

    private LocalCloud(LocalCloudOptions options) {
        this.options = options;
    }

    public static LocalCloud start(LocalCloudOptions options) {
        LocalCloud cloud = new LocalCloud(options);
        try {
            cloud.boot();
            return cloud;
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    private void boot() {
        // Logging is initialised before the emulators start in parallel: SLF4J otherwise queues the calls made
        // during its initialisation by other threads and warns that it is replaying them.
        org.slf4j.LoggerFactory.getILoggerFactory();
        // The SDK's default chains (used by the functions) read these; the local cloud has one identity.
        System.setProperty("aws.region", LocalAws.REGION);
        System.setProperty("aws.accessKeyId", LocalAws.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalAws.SECRET_KEY);
        // Every SDK client here uses the URL-connection HTTP client, whose JDK keep-alive cache keeps only 5 idle
        // connections per host by default: beyond 5 concurrent calls to one emulator, every call opened and
        // closed a TCP connection of its own. Keep as many as the busiest client holds (unless the user chose).
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        faults = new Faults(options.faultInjection(), options.faultSeed());
        if (options.externalAws() != null) {
            useExternalAws(options.externalAws());
        } else {
            startEmulators();
        }
        if (options.dynamoDbProxy() || options.faultInjection()) {
            dynamoDbFaults = DynamoDbFaultProxy.start(dynamoDbUri);
            closeables.add(dynamoDbFaults);
        }

        int httpPort = options.httpPort() == 0 ? io.zerosync.local.emulators.FreePort.pick() : options.httpPort();
        if (options.faultInjection()) {
            startFaultInjection(httpPort);
        }
        stack = new Provisioner(dynamo, sns, sqs, LocalAws.REGION, LocalAws.ACCOUNT_ID, "")
                .withLocalApiUrl(sourceApiUrl(httpPort))
                .provision(options.template(), localParameters(options.parameters()));
        if (snsEndpoint != null) {
            // As SQS does for SNS: a topic delivers to the template's queues only as their queue policies allow.
            snsEndpoint.checkQueuePolicies(queueSendPolicies(stack));
        }

        if (options.externalAws() == null) {
            startIamHops();
        }
        Map<String, String> local = localOverrides();
        Map<String, String> apiEnvironment = new LinkedHashMap<>();
        // One server for every API function: it serves the union of their routes (each names its own in
        // ZEROSYNC_API_ROUTES), and the local cloud's own /local routes.
        java.util.StringJoiner routes = new java.util.StringJoiner(",");
        boolean everyRoute = false; // a function that names no routes serves every route
        for (String fn : stack.functions()) {
            if (stack.isApiFunction(fn)) {
                Map<String, String> env = stack.environmentOf(fn);
                apiEnvironment.putAll(env);
                String own = env.getOrDefault(API_ROUTES, "");
                everyRoute |= own.isBlank();
                routes.add(own);
            }
        }
        routes.add("* /local");
        // The local cloud's own pages (LocalHttpApi's static resources): the API description and the webjars it loads.
        routes.add("GET /openapi");
        routes.add("GET /webjars");
        routes.add("GET /console"); // the ops console's pages (static; the admin API it calls is guarded as ever)
        apiEnvironment.put(API_ROUTES, everyRoute ? "" : routes.toString());
        // API Gateway's part: the routes the template puts behind the user-pool authorizer need a token
        // signed with this start's key (see io.zerosync.local.edge).
        devIssuer = DevIssuer.generate();
        protectedRoutes = new ProtectedRoutes(stack.userPoolRoutes());
        devToken = devIssuer.mint("dev", DevIssuer.DEV_TOKEN_TTL);
        http = LocalHttpApi.start(new FunctionEnvironment("http-api", apiEnvironment).with(local), httpPort, faults,
                devIssuer, protectedRoutes);
        closeables.add(http);

        pollers = options.faultInjection() ? new Pollers(sqs, faults) : new Pollers(sqs);
        closeables.add(pollers);
        for (EventSource source : stack.sqsEventSources()) {
            if (source.enabled() && options.pollers()) {
                pollers.start(source, new FunctionEnvironment(source.functionLogicalId(),
                        stack.environmentOf(source.functionLogicalId())).with(local).with(identity(source.functionLogicalId())));
            }
        }
        Schedules schedules = new Schedules();
        closeables.add(schedules);
        for (Stack.Schedule schedule : stack.schedules()) {
            schedules.start(schedule, new FunctionEnvironment(schedule.functionLogicalId(),
                    stack.environmentOf(schedule.functionLogicalId())).with(local).with(identity(schedule.functionLogicalId())));
        }
        readyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /**
     * The hops in front of DynamoDB and SQS that check each function's calls against its role's statements
     * (template policies and the view stacks' grants), as IAM would. The API functions share one process
     * environment here, so their calls carry no function's key and are not checked.
     */
    private void startIamHops() {
        Map<String, io.zerosync.local.iam.IamPolicy> policies = new LinkedHashMap<>();
        for (String fn : stack.functions()) {
            policies.put(fn, new io.zerosync.local.iam.IamPolicy(stack.statementsOf(fn)));
        }
        dynamoDbIam = io.zerosync.local.iam.IamHop.start("dynamodb-iam",
                dynamoDbFaults != null ? dynamoDbFaults.endpoint() : dynamoDbUri, policies);
        closeables.add(dynamoDbIam);
        sqsIam = io.zerosync.local.iam.IamHop.start("sqs-iam", sqsUri, policies);
        closeables.add(sqsIam);
    }

    /** A function's identity towards the IAM hops: its logical ID as its access key (see IamHop.accessKeyOf). */
    private static Map<String, String> identity(String functionLogicalId) {
        return Map.of("ZEROSYNC_LOCAL_ACCESS_KEY_ID", io.zerosync.local.iam.IamHop.accessKeyOf(functionLogicalId));
    }

    /** The calls the IAM hops refused (none on external AWS endpoints, which are not checked here). */
    public List<io.zerosync.local.iam.IamHop.Denial> accessDenials() {
        List<io.zerosync.local.iam.IamHop.Denial> all = new ArrayList<>();
        if (dynamoDbIam != null) {
            all.addAll(dynamoDbIam.denials());
        }
        if (sqsIam != null) {
            all.addAll(sqsIam.denials());
        }
        return all;
    }

    private static io.zerosync.local.sns.QueueSendPolicies queueSendPolicies(Stack stack) {
        java.util.Set<String> governed = new java.util.HashSet<>();
        stack.resources().values().stream().filter(r -> "AWS::SQS::Queue".equals(r.type())).forEach(r -> governed.add(r.arn()));
        Map<String, List<Map<String, Object>>> byQueue = new LinkedHashMap<>();
        stack.queuePolicies().forEach(p -> byQueue.computeIfAbsent(p.queueArn(), k -> new ArrayList<>()).add(p.document()));
        return new io.zerosync.local.sns.QueueSendPolicies(governed, byQueue);
    }

    /** The embedded services: DynamoDB Local and ElasticMQ (started side by side) and the SNS endpoint. */
    private void startEmulators() {
        CompletableFuture<DynamoDbLocalServer> dynamoStart = CompletableFuture.supplyAsync(
                () -> DynamoDbLocalServer.start(options.dynamoDbPort()));
        CompletableFuture<ElasticMqServer> sqsStart = CompletableFuture.supplyAsync(
                () -> ElasticMqServer.start(options.sqsPort()));
        elasticMq = sqsStart.join();
        closeables.add(elasticMq);
        sqsUri = elasticMq.endpoint();
        sqs = LocalAws.syncClient(SqsClient.builder(), sqsUri);
        closeables.add(sqs);
        snsEndpoint = SnsEndpoint.start(options.snsPort(), sqs, LocalAws.REGION, LocalAws.ACCOUNT_ID, faults);
        closeables.add(snsEndpoint);
        snsUri = snsEndpoint.endpoint();
        sns = LocalAws.syncClient(SnsClient.builder(), snsUri);
        closeables.add(sns);
        dynamoDbServer = dynamoStart.join();
        closeables.add(dynamoDbServer);
        dynamoDbUri = dynamoDbServer.endpoint();
        dynamo = LocalAws.syncClient(DynamoDbClient.builder(), dynamoDbUri);
        closeables.add(dynamo);
    }

    /**
     * Someone else's DynamoDB, SQS and SNS (LocalStack, typically): nothing to start, only clients to make.
     * SNS faults are injected by the embedded SNS endpoint, so fault injection needs the embedded services.
     */
    private void useExternalAws(ExternalAws external) {
        if (options.faultInjection()) {
            throw new IllegalArgumentException("fault injection needs the embedded services (SNS faults are "
                    + "injected by the local SNS endpoint); it cannot run against external AWS endpoints");
        }
        dynamoDbUri = external.dynamoDb();
        sqsUri = external.sqs();
        snsUri = external.sns();
        sqs = LocalAws.syncClient(SqsClient.builder(), sqsUri);
        closeables.add(sqs);
        sns = LocalAws.syncClient(SnsClient.builder(), snsUri);
        closeables.add(sns);
        dynamo = LocalAws.syncClient(DynamoDbClient.builder(), dynamoDbUri);
        closeables.add(dynamo);
    }

    /**
     * The source API proxy in front of the HTTP API, and the switchboard driving both proxies' rates (the
     * DynamoDB proxy throttles any operation and cancels TransactWriteItems with TransactionConflict).
     */
    private void startFaultInjection(int httpPort) {
        if (options.sourceApiUrl() == null) {
            sourceFaults = FaultProxy.start(httpPort, faults);
            closeables.add(sourceFaults);
        }
        DynamoDbFaultProxy proxy = dynamoDbFaults;
        proxy.seed(options.faultSeed());
        faults.countedBy(FaultKind.DYNAMODB_THROTTLE,
                () -> proxy.injected().getOrDefault(DynamoDbError.throttling().code(), 0L));
        faults.countedBy(FaultKind.DYNAMODB_CONFLICT,
                () -> proxy.injected().getOrDefault(DynamoDbError.transactionConflict().code(), 0L));
        faults.onChange(rates -> {
            proxy.clear();
            if (rates.rate(FaultKind.DYNAMODB_CONFLICT) > 0) {
                proxy.failRate(Set.of("TransactWriteItems"), rates.rate(FaultKind.DYNAMODB_CONFLICT),
                        DynamoDbError.transactionConflict());
            }
            if (rates.rate(FaultKind.DYNAMODB_THROTTLE) > 0) {
                proxy.failRate(Set.of(DynamoDbFaultProxy.ANY), rates.rate(FaultKind.DYNAMODB_THROTTLE),
                        DynamoDbError.throttling());
            }
        });
        faults.set(options.faults());
    }

    /**
     * The template's parameters as the local cloud runs them: each unit of an event source's MaximumConcurrency
     * is a poller thread here, so the sync mappings get 10 instead of AWS's 300 unless a caller says otherwise.
     */
    private static Map<String, Object> localParameters(Map<String, Object> given) {
        Map<String, Object> parameters = new LinkedHashMap<>(Map.of("SyncMaximumConcurrency", 10, "SyncConcurrency", 10));
        parameters.putAll(given);
        return parameters;
    }

    /** What the local cloud changes in every function's environment: endpoints and bearer auth (API URLs come resolved). */
    private Map<String, String> localOverrides() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZEROSYNC_LOCAL_DYNAMODB_ENDPOINT", (dynamoDbIam != null ? dynamoDbIam.endpoint()
                : dynamoDbFaults != null ? dynamoDbFaults.endpoint() : dynamoDbUri).toString());
        env.put("ZEROSYNC_LOCAL_SNS_ENDPOINT", snsUri.toString());
        env.put("ZEROSYNC_LOCAL_SQS_ENDPOINT", (sqsIam != null ? sqsIam.endpoint() : sqsUri).toString());
        env.put("ZEROSYNC_LOCAL_ADMIN_TOKEN", options.adminToken());
        // Stands in for CursorKeySecret: one random key per JVM, shared by every local cloud in it.
        env.put("ZEROSYNC_CURSOR_KEY", io.zerosync.local.runtime.LocalCursorKey.VALUE);
        env.put("ZEROSYNC_AUTH_MODE", "bearer");
        return env;
    }

    /** Where the functions reach this stack's source API: the source proxy when faults are on, else the HTTP API. */
    private String sourceApiUrl(int httpPort) {
        return options.sourceApiUrl() != null ? options.sourceApiUrl()
                : sourceFaults != null ? sourceFaults.url() : "http://localhost:" + httpPort;
    }

    public URI httpEndpoint() {
        return http.endpoint();
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbUri;
    }

    public URI sqsEndpoint() {
        return sqsUri;
    }

    public URI snsEndpoint() {
        return snsUri;
    }

    /** True when the cloud runs on {@link ExternalAws} endpoints instead of its embedded services. */
    public boolean usesExternalAws() {
        return options.externalAws() != null;
    }

    /**
     * SNS deliveries that failed, went to a subscription's DLQ, or were lost (SNS's own delivery metrics), as the
     * embedded SNS endpoint counts them; all zero on external endpoints, whose SNS keeps its own counts.
     */
    public io.zerosync.local.sns.SnsDeliveryStats snsDeliveryStats() {
        return snsEndpoint != null ? snsEndpoint.deliveryStats() : new io.zerosync.local.sns.SnsDeliveryStats(0, 0, 0);
    }

    public String adminToken() {
        return options.adminToken();
    }

    /** The stand-in user pool: mints tokens the protected routes accept (and, in tests, ones they refuse). */
    public DevIssuer devIssuer() {
        return devIssuer;
    }

    /** A writer's token for subject "dev", valid for {@link DevIssuer#DEV_TOKEN_TTL} from start (the banner's). */
    public String devToken() {
        return devToken;
    }

    /** The routes the local cloud guards with a token, as the template's authorizer does on AWS. */
    public ProtectedRoutes protectedRoutes() {
        return protectedRoutes;
    }

    public Stack stack() {
        return stack;
    }

    public Pollers pollers() {
        return pollers;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public SnsClient sns() {
        return sns;
    }

    /** The environment the local cloud gives a function (template-resolved, with the local overrides). */
    public FunctionEnvironment environmentOf(String functionLogicalId) {
        return new FunctionEnvironment(functionLogicalId, stack.environmentOf(functionLogicalId))
                .with(localOverrides()).with(identity(functionLogicalId));
    }

    /** The fault switchboard (every rate 0 unless the cloud was started with fault injection). */
    public Faults faults() {
        return faults;
    }

    /**
     * The proxy every function's DynamoDB client goes through, when started {@code withDynamoDbProxy(true)}
     * or with fault injection; {@code null} otherwise.
     */
    public DynamoDbFaultProxy dynamoDbFaults() {
        return dynamoDbFaults;
    }

    /** The source API proxy the local cloud put in the path for fault injection; {@code null} otherwise. */
    public FaultProxy sourceFaults() {
        return sourceFaults;
    }

    public long readyMillis() {
        return readyMillis;
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
        closeables.clear();
    }
}
