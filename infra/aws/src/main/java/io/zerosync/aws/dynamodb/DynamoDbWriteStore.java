package io.zerosync.aws.dynamodb;

import io.zerosync.core.domain.Shop;
import io.zerosync.core.port.ExportPage;
import io.zerosync.core.port.ExportQuery;
import io.zerosync.core.port.IdempotencyClaim;
import io.zerosync.core.port.IdempotencyKeyTakenException;
import io.zerosync.core.port.VersionConflictException;
import io.zerosync.core.port.WriteStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link WriteStore} on the ShopsTable (and IdempotencyTable), with conditional writes on version. */
public final class DynamoDbWriteStore implements WriteStore {
    private static final int BATCH_GET_LIMIT = 100;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;

    private final DynamoDbClient dynamo;
    private final String shopsTable;
    private final String idempotencyTable;
    private final Duration tombstoneTtl;
    private final Duration idempotencyTtl;
    private final ShopExporter exporter;

    public DynamoDbWriteStore(DynamoDbClient dynamo, String shopsTable, String idempotencyTable,
                              Duration tombstoneTtl, Duration idempotencyTtl) {
        this.dynamo = dynamo;
        this.shopsTable = shopsTable;
        this.idempotencyTable = idempotencyTable;
        this.tombstoneTtl = tombstoneTtl;
        this.idempotencyTtl = idempotencyTtl;
        this.exporter = new ShopExporter(dynamo, shopsTable);
    }

    @Override
    public Optional<Shop> find(String shopId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(shopsTable).consistentRead(true)
                .key(Map.of(ShopItems.SHOP_ID, ShopItems.s(shopId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ShopItems.fromItem(item));
    }

    @Override
    public List<Shop> findAll(Collection<String> shopIds) {
        List<Shop> found = new ArrayList<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(shopIds));
        for (int from = 0; from < ids.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH_GET_LIMIT))
                    .stream().map(id -> Map.of(ShopItems.SHOP_ID, ShopItems.s(id))).toList();
            Map<String, KeysAndAttributes> request = Map.of(shopsTable,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int round = 0; !request.isEmpty(); round++) {
                if (round >= MAX_UNPROCESSED_ROUNDS) {
                    throw new IllegalStateException("DynamoDB kept keys unprocessed after " + round + " rounds");
                }
                backOff(round);
                Map<String, KeysAndAttributes> batch = request;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(batch));
                response.responses().getOrDefault(shopsTable, List.of())
                        .forEach(item -> found.add(ShopItems.fromItem(item)));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    @Override
    public void insert(Shop shop, IdempotencyClaim claim) {
        Put putShop = Put.builder().tableName(shopsTable).item(ShopItems.toItem(shop, tombstoneTtl))
                .conditionExpression("attribute_not_exists(" + ShopItems.SHOP_ID + ")").build();
        if (claim == null) {
            dynamo.putItem(r -> r.tableName(shopsTable).item(putShop.item()).conditionExpression(putShop.conditionExpression()));
            return;
        }
        Put putClaim = Put.builder().tableName(idempotencyTable).item(IdempotencyItems.toItem(claim, idempotencyTtl))
                .conditionExpression("attribute_not_exists(" + IdempotencyItems.KEY + ")").build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(putShop).build(),
                    TransactWriteItem.builder().put(putClaim).build()));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                throw new IdempotencyKeyTakenException(claim.key());
            }
            throw e;
        }
    }

    @Override
    public void replace(Shop next) {
        try {
            dynamo.putItem(r -> r.tableName(shopsTable).item(ShopItems.toItem(next, tombstoneTtl))
                    .conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", ShopItems.VERSION))
                    .expressionAttributeValues(Map.of(":expected", ShopItems.n(next.version() - 1))));
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflictException(next.shopId(), next.version() - 1);
        }
    }

    @Override
    public Optional<IdempotencyClaim> findClaim(String idempotencyKey) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(idempotencyTable).consistentRead(true)
                .key(Map.of(IdempotencyItems.KEY, ShopItems.s(idempotencyKey)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(IdempotencyItems.fromItem(item));
    }

    @Override
    public long approximateCount() {
        return dynamo.describeTable(r -> r.tableName(shopsTable)).table().itemCount();
    }

    @Override
    public ExportPage export(ExportQuery query) {
        return exporter.export(query);
    }

    private static void backOff(int round) {
        if (round == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(1000L, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed keys", e);
        }
    }

    static Map<String, AttributeValue> key(String shopId) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(ShopItems.SHOP_ID, ShopItems.s(shopId));
        return key;
    }
}
