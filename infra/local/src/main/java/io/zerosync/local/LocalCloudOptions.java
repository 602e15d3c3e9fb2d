package io.zerosync.local;

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
                                Map<String, Object> parameters, String sourceApiUrl, boolean dynamoDbProxy) {

    public static final String USAGE = """
            usage: java -jar zerosync-local.jar [--port 8080] [--dynamodb-port 8000] [--sqs-port 9324]
                                                [--sns-port 9911] [--template template.yaml]
              Every port may be 0 (any free port).
              ZEROSYNC_ADMIN_TOKEN sets the bearer token for /internal/** and /admin/** (generated when unset).
              Operators' CLI: java -jar zerosync-local.jar reimport|jobs|job|cancel|reconcile|redrive|status (see --help).""";

    public static LocalCloudOptions parse(String[] args, Map<String, String> env) {
        int http = 8080;
        int dynamo = 8000;
        int sqs = 9324;
        int sns = 9911;
        Path template = null;
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
        return new LocalCloudOptions(http, dynamo, sqs, sns, resolved, token, generated, true, Map.of(), null, false);
    }

    /** Every port free, for tests; template parameters may be overridden (e.g. short visibility timeouts). */
    public static LocalCloudOptions ephemeral(Path template, String token) {
        return new LocalCloudOptions(0, 0, 0, 0, template, token, false, true, Map.of(), null, false);
    }

    public LocalCloudOptions withHttpPort(int port) {
        return new LocalCloudOptions(port, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated, pollers,
                parameters, sourceApiUrl, dynamoDbProxy);
    }

    /** Without pollers: messages stay on the queues (to inspect what was published). */
    public LocalCloudOptions withoutPollers() {
        return new LocalCloudOptions(httpPort, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated,
                false, parameters, sourceApiUrl, dynamoDbProxy);
    }

    public LocalCloudOptions withParameters(Map<String, Object> overrides) {
        return new LocalCloudOptions(httpPort, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated,
                pollers, Map.copyOf(overrides), sourceApiUrl, dynamoDbProxy);
    }

    /** Functions reach the source API here instead of the local HTTP API (a proxy that injects faults). */
    public LocalCloudOptions withSourceApiUrl(String url) {
        return new LocalCloudOptions(httpPort, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated,
                pollers, parameters, url, dynamoDbProxy);
    }

    /**
     * With {@code true}, every function's DynamoDB client goes through a {@link
     * io.zerosync.local.faults.DynamoDbFaultProxy} in front of DynamoDB Local, reachable as
     * {@link LocalCloud#dynamoDbFaults()}, so tests can make DynamoDB answer with its own errors.
     */
    public LocalCloudOptions withDynamoDbProxy(boolean on) {
        return new LocalCloudOptions(httpPort, dynamoDbPort, sqsPort, snsPort, template, adminToken, tokenGenerated,
                pollers, parameters, sourceApiUrl, on);
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
