package io.zerosync.local.emulators;

import com.amazonaws.services.dynamodbv2.local.main.CommandLineInput;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * AWS's own DynamoDB Local, in memory, in this JVM, with one database for every access key and region
 * ({@code -sharedDb}): without it each key and region sees its own empty tables, so the AWS CLI with a
 * developer's own profile would list none of the provisioned ones.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    /**
     * sqlite4java logs "unknown jar version" through java.util.logging on the first request; only its errors
     * matter here. Held in a field because java.util.logging keeps loggers weakly and would forget the level.
     */
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");
    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on {@code port}, or on a free port when it is 0 (DynamoDB Local itself rejects 0). */
    public static DynamoDbLocalServer start(int port) {
        int actual = FreePort.orPick(port);
        try {
            // createServer, not createServerFromCommandLineArgs: the latter prints its configuration to stdout.
            CommandLineInput input = new CommandLineInput(
                    new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(actual), "-disableTelemetry"});
            if (!input.init()) {
                throw new IllegalStateException("DynamoDB Local refused its options");
            }
            DynamoDBProxyServer server = ServerRunner.createServer(input);
            server.start();
            SQLITE_LOG.setLevel(Level.SEVERE); // after createServer, which sets it to WARNING
            return new DynamoDbLocalServer(server, actual);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + actual, e);
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
