package io.zerosync.local;

import io.zerosync.local.faults.FaultRates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Command-line options of the local cloud. Ports default to the ones the AWS tooling usually expects
 * locally (DynamoDB Local 8000, ElasticMQ 9324); 0 picks a free port (what tests use).
 */
public record LocalCloudOptions(int httpPort, int dynamoDbPort, int sqsPort, int snsPort, Path template,
                                String adminToken, boolean tokenGenerated, boolean pollers,
                                Map<String, Object> parameters, String sourceApiUrl, boolean dynamoDbProxy,
                                FaultRates faults, long faultSeed, ExternalAws externalAws) {

    public static final String USAGE = """
            usage: java -jar zerosync-local.jar [--port 8080] [--dynamodb-port 8000] [--sqs-port 9324]
                                                [--sns-port 9911] [--template template.yaml]
                                                [--faults sns-drop=0.05,sns-duplicate=0.1,...|none]
              Every port may be 0 (any free port).
              --faults enables fault injection (proxies in front of the source API and DynamoDB) with these
                rates (0..1): sns-drop, sns-duplicate, sns-delay, sns-reorder, sns-publish-error, source-error,
                source-slow, sync-crash, dynamodb-throttle, dynamodb-conflict, all; and sns-max-delay-ms,
                source-slow-ms, seed. Change them later with GET/PUT /local/faults (bearer admin token).
              Chaos run: java -jar zerosync-local.jar chaos --commands 20000 [--threads 8] [--seed N] [--faults ...]
              ZEROSYNC_ADMIN_TOKEN sets the bearer token for /internal/** and /admin/** (generated when unset).
              Operators' CLI: java -jar zerosync-local.jar reimport|jobs|job|cancel|reconcile|redrive|status (see --help).""";

    public static LocalCloudOptions parse(String[] args, Map<String, String> env) {
        int http = 8080;
        int dynamo = 8000;
        int sqs = 9324;
        int sns = 9911;
        Path template = null;
        FaultRates faults = null;
        long seed = System.nanoTime();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + arg + "\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--port" -> http = port(arg, value);
                case "--dynamodb-port" -> dynamo = port(arg, value);
                case "--sqs-port" -> sqs = port(arg, value);
                case "--sns-port" -> sns = port(arg, value);
                case "--template" -> template = Path.of(value);
                case "--faults" -> {
                    faults = FaultRates.parse(value);
                    Long given = FaultRates.seedOf(value);
                    seed = given != null ? given : seed;
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        Path resolved = template != null ? template : findTemplate(Path.of("").toAbsolutePath());
        String token = env.get("ZEROSYNC_ADMIN_TOKEN");
        boolean generated = token == null || token.isBlank();
        if (generated) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            token = "zs_" + HexFormat.of().formatHex(random);
        }
        return new LocalCloudOptions(http, dynamo, sqs, sns, resolved, token, generated, true, Map.of(), null,
                faults != null, faults, seed, null);
    }

    /** Every port free, for tests; template parameters may be overridden (e.g. short visibility timeouts). */
    public static LocalCloudOptions ephemeral(Path template, String token) {
        return new LocalCloudOptions(0, 0, 0, 0, template, token, false, true, Map.of(), null, false, null, 0, null);
    }

    public LocalCloudOptions withHttpPort(int port) {
        return new LocalCloudOptions(port, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated, pollers,
                parameters, sourceApiUrl, dynamoDbProxy, faults, faultSeed, externalAws);
    }

    /** Without pollers: messages stay on the queues (to inspect what was published). */
    public LocalCloudOptions withoutPollers() {
        return new LocalCloudOptions(httpPort, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated,
                false, parameters, sourceApiUrl, dynamoDbProxy, faults, faultSeed, externalAws);
    }

    public LocalCloudOptions withParameters(Map<String, Object> overrides) {
        return new LocalCloudOptions(httpPort, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated,
                pollers, Map.copyOf(overrides), sourceApiUrl, dynamoDbProxy, faults, faultSeed, externalAws);
    }

    /** Functions reach the source API here instead of the local HTTP API (a proxy that injects faults). */
    public LocalCloudOptions withSourceApiUrl(String url) {
        return new LocalCloudOptions(httpPort, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated,
                pollers, parameters, url, dynamoDbProxy, faults, faultSeed, externalAws);
    }

    /**
     * Every function's DynamoDB client goes through a {@link io.zerosync.local.faults.DynamoDbFaultProxy}
     * in front of DynamoDB Local ({@link LocalCloud#dynamoDbFaults()}), so tests can inject DynamoDB's errors.
     */
    public LocalCloudOptions withDynamoDbProxy(boolean proxy) {
        return new LocalCloudOptions(httpPort, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated,
                pollers, parameters, sourceApiUrl, proxy, faults, faultSeed, externalAws);
    }

    /**
     * Fault injection enabled at start, with these rates (may all be 0) and a seed for their random: the
     * source API and DynamoDB are reached through fault proxies, and {@code /local/faults} can switch any kind.
     */
    public LocalCloudOptions withFaults(FaultRates rates, long seed) {
        return new LocalCloudOptions(httpPort, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated,
                pollers, parameters, sourceApiUrl, true, rates, seed, externalAws);
    }

    /**
     * Uses these AWS endpoints (e.g. LocalStack) instead of starting DynamoDB Local, ElasticMQ and the SNS
     * endpoint; the provisioner creates the template's resources there and the functions run against them.
     * The port options for the embedded services are then ignored.
     */
    public LocalCloudOptions withExternalAws(ExternalAws endpoints) {
        return new LocalCloudOptions(httpPort, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated,
                pollers, parameters, sourceApiUrl, dynamoDbProxy, faults, faultSeed, endpoints);
    }

    public boolean faultInjection() {
        return faults != null;
    }

    /** template.yaml in this directory or the nearest parent: run from anywhere inside the repository. */
    public static Path findTemplate(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("template.yaml not found in " + from + " or its parents; pass --template");
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number (0-65535), was " + value);
        }
    }
}
