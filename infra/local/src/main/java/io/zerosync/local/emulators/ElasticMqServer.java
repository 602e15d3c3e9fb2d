package io.zerosync.local.emulators;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;

import java.net.URI;

/** ElasticMQ speaking the SQS protocol, in this JVM. */
public final class ElasticMqServer implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    private ElasticMqServer(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on {@code port}, or on a free port when it is 0. */
    public static ElasticMqServer start(int port) {
        TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface("localhost");
        builder = port == 0 ? builder.withDynamicPort() : builder.withPort(port);
        // ARNs like AWS's (region, 12-digit account), so SNS subscriptions and IAM-style checks read naturally.
        builder = builder.withAWSRegion(LocalAws.REGION).withAWSAccountId(LocalAws.ACCOUNT_ID);
        SQSRestServer server = builder.start();
        int actual = server.waitUntilStarted().localAddress().getPort();
        return new ElasticMqServer(server, actual);
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
