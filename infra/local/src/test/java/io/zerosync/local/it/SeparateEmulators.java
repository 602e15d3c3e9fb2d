package io.zerosync.local.it;

import io.zerosync.local.ExternalAws;
import io.zerosync.local.emulators.DynamoDbLocalServer;
import io.zerosync.local.emulators.ElasticMqServer;
import io.zerosync.local.emulators.LocalAws;
import io.zerosync.local.sns.SnsEndpoint;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local, ElasticMQ and an SNS endpoint started on their own, outside any local cloud: "external" AWS
 * endpoints for a cloud started {@code withExternalAws}, the path LocalStack takes, without Docker.
 */
final class SeparateEmulators implements AutoCloseable {
    private final DynamoDbLocalServer dynamo;
    private final ElasticMqServer elasticMq;
    private final SqsClient snsDeliveries;
    private final SnsEndpoint sns;

    private SeparateEmulators() {
        dynamo = DynamoDbLocalServer.start(0);
        elasticMq = ElasticMqServer.start(0);
        snsDeliveries = LocalAws.syncClient(SqsClient.builder(), elasticMq.endpoint());
        sns = SnsEndpoint.start(0, snsDeliveries, LocalAws.REGION, LocalAws.ACCOUNT_ID);
    }

    static SeparateEmulators start() {
        return new SeparateEmulators();
    }

    ExternalAws endpoints() {
        return new ExternalAws(dynamo.endpoint(), elasticMq.endpoint(), sns.endpoint());
    }

    @Override
    public void close() {
        sns.close();
        snsDeliveries.close();
        elasticMq.close();
        dynamo.close();
    }
}
