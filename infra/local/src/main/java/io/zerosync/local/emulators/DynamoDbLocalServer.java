package io.zerosync.local.emulators;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import java.net.URI;

/**
 * AWS's own DynamoDB Local, in memory, in this JVM, with one database for every access key and region
 * ({@code -sharedDb}): without it each key and region sees its own empty tables, so the AWS CLI with a
 * developer's own profile would list none of the provisioned ones.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
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
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(actual), "-disableTelemetry"});
            server.start();
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
