package io.zerosync.local.it;

import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.faults.DynamoDbError;
import io.zerosync.local.faults.DynamoDbFaultProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A create with an Idempotency-Key is one DynamoDB transaction; DynamoDB cancels it now and then with
 * TransactionConflict, which the SDK does not retry. The client must not see that as a 500.
 */
class CreateUnderConflictIT {
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(TestClouds.template(), TestClouds.TOKEN)
                .withoutPollers().withDynamoDbProxy(true));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void createsTheShop_whenDynamoDbCancelsTheTransactionForAConflictTwice() {
        DynamoDbFaultProxy dynamo = cloud.dynamoDbFaults();
        long before = dynamo.calls("TransactWriteItems");
        dynamo.failNext("TransactWriteItems", 2, DynamoDbError.transactionConflict());
        Api api = new Api(cloud);

        Api.Reply created = api.post("/shops", Api.shop("Conflicted Noodles", "noodles"), "Idempotency-Key", "conflict-1");

        assertEquals(201, created.status(), created.raw().body());
        assertEquals(3, dynamo.calls("TransactWriteItems") - before);
        Api.Reply source = api.get("/internal/shops/" + created.text("shopId"));
        assertEquals(200, source.status());
        assertEquals(1, source.body().path("version").asLong());
        Api.Reply replay = api.post("/shops", Api.shop("Conflicted Noodles", "noodles"), "Idempotency-Key", "conflict-1");
        assertEquals(created.text("shopId"), replay.text("shopId"));
    }
}
