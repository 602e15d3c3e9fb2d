package io.zerosync.local.faults;

import io.zerosync.local.emulators.DynamoDbLocalServer;
import io.zerosync.local.emulators.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy's errors reach the real SDK as DynamoDB's own: modelled exceptions, retries, reasons. */
class DynamoDbFaultProxyTest {
    private static DynamoDbLocalServer dynamoDbLocal;
    private static DynamoDbFaultProxy proxy;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        dynamoDbLocal = DynamoDbLocalServer.start(0);
        proxy = DynamoDbFaultProxy.start(dynamoDbLocal.endpoint());
        dynamo = LocalAws.syncClient(DynamoDbClient.builder()
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)), proxy.endpoint());
        dynamo.createTable(r -> r.tableName("faults").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        proxy.close();
        dynamoDbLocal.close();
    }

    @Test
    void sdkRetriesThrottlingAndSucceeds_whenFewerFaultsThanAttempts() {
        proxy.failNext("PutItem", 2, DynamoDbError.throttling());
        long before = proxy.calls("PutItem");

        dynamo.putItem(r -> r.tableName("faults").item(Map.of("pk", AttributeValue.fromS("a"))));

        assertEquals(3, proxy.calls("PutItem") - before, "two throttled attempts, then the real write");
        assertEquals(1, dynamo.getItem(r -> r.tableName("faults").key(Map.of("pk", AttributeValue.fromS("a"))))
                .item().size());
    }

    @Test
    void sdkGivesUpWithTheModelledException_whenEveryAttemptIsThrottled() {
        proxy.failRate(Set.of("PutItem"), 1.0, DynamoDbError.throttling());
        try {
            assertThrows(ProvisionedThroughputExceededException.class,
                    () -> dynamo.putItem(r -> r.tableName("faults").item(Map.of("pk", AttributeValue.fromS("never")))));
        } finally {
            proxy.clear();
        }
        assertTrue(dynamo.getItem(r -> r.tableName("faults").key(Map.of("pk", AttributeValue.fromS("never"))))
                .item().isEmpty(), "nothing was written");
    }

    @Test
    void cancelledTransactionCarriesOneReasonPerItem() {
        proxy.failNext("TransactWriteItems", 1, DynamoDbError.transactionCanceled(List.of("None", "TransactionConflict")));
        TransactWriteItem put = TransactWriteItem.builder()
                .put(p -> p.tableName("faults").item(Map.of("pk", AttributeValue.fromS("x")))).build();
        TransactWriteItem other = TransactWriteItem.builder()
                .put(p -> p.tableName("faults").item(Map.of("pk", AttributeValue.fromS("y")))).build();
        TransactWriteItem third = TransactWriteItem.builder()
                .put(p -> p.tableName("faults").item(Map.of("pk", AttributeValue.fromS("z")))).build();

        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(r -> r.transactItems(put, other, third)));

        assertEquals(List.of("None", "TransactionConflict", "None"),
                e.cancellationReasons().stream().map(CancellationReason::code).toList());
        assertTrue(proxy.injected().get("TransactionCanceledException") >= 1);
    }
}
