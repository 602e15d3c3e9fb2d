package io.zerosync.functions.config;

import io.zerosync.kernel.port.ViewCatalog;
import io.micronaut.context.BeanProvider;
import io.zerosync.shop.port.WriteStore;
import io.zerosync.kernel.port.JobStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.List;
import java.util.Map;

/**
 * One cheap call per SDK client and adapter a function uses, made by its SnapStart priming hook so the
 * clients' pipelines (marshallers, signers, endpoint rules, retry and error handling) are loaded before the
 * snapshot. None of them changes anything: reads of an ID nobody has, a transaction whose only item is a
 * condition check that fails, the topic's attributes. Each reaches exactly the resources the function's
 * template policies already allow.
 */
@Singleton
public class ClientPriming {
    /** The ID priming reads: writers issue {@code shp_<hex>}, job IDs are UUIDs. */
    public static final String PRIMING_ID = "zerosync-priming";

    private final ZerosyncConfig config;
    private final BeanProvider<DynamoDbClient> dynamo;
    private final BeanProvider<SnsClient> sns;
    private final BeanProvider<WriteStore> writeStore;
    private final BeanProvider<JobStore> jobs;
    private final BeanProvider<ViewCatalog> views;

    public ClientPriming(ZerosyncConfig config, BeanProvider<DynamoDbClient> dynamo, BeanProvider<SnsClient> sns,
                         BeanProvider<WriteStore> writeStore, BeanProvider<JobStore> jobs, BeanProvider<ViewCatalog> views) {
        this.config = config;
        this.dynamo = dynamo;
        this.sns = sns;
        this.writeStore = writeStore;
        this.jobs = jobs;
        this.views = views;
    }

    /**
     * The command path's writes, without writing: a TransactWriteItems (the call a create makes) holding only a
     * condition check that the priming shop exists, which it does not, so DynamoDB cancels it; and the topic's
     * attributes from SNS (the client a command publishes with).
     */
    public void commandClients() {
        try {
            dynamo.get().transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().conditionCheck(
                    ConditionCheck.builder().tableName(config.getShopsTable())
                            .key(Map.of("shopId", AttributeValue.fromS(PRIMING_ID)))
                            .conditionExpression("attribute_exists(shopId)").build()).build()));
        } catch (TransactionCanceledException expected) {
            // The priming shop does not exist: cancelled, as intended; its error path is primed too.
        }
        topic();
    }

    /** The outbox sweeper's reads: the store's read of a shop, and the topic's attributes. */
    public void sweeperClients() {
        writeStore.get().find(PRIMING_ID);
        topic();
    }

    /** The job store's read of a job nobody has (watchdog, DLQ consumer, worker). */
    public void jobClients() {
        jobs.get().get(PRIMING_ID);
    }

    /** The re-import worker's sources: a batch-get of an ID nobody has, from each view's source. */
    public void sourceClient() {
        views.get().all().forEach(v -> v.source().batchGet(List.of(PRIMING_ID)));
    }

    private void topic() {
        sns.get().getTopicAttributes(r -> r.topicArn(config.getShopChangedTopicArn()));
    }
}
