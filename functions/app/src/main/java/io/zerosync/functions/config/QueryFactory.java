package io.zerosync.functions.config;

import io.micronaut.context.annotation.Factory;
import io.zerosync.aws.dynamodb.CategoryShards;
import io.zerosync.aws.dynamodb.DynamoDbShopViews;
import io.zerosync.shop.query.ShopQueries;
import io.zerosync.shop.port.ShopViews;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import io.zerosync.kernel.port.ViewStore;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wires the read side's queries to the view tables. */
@Factory
public class QueryFactory {

    @Singleton
    ShopViews shopViews(DynamoDbClient dynamo, ZerosyncConfig config, RegisteredViews registered) {
        // The tables of the views registered as shop-detail and shop-list (see ViewDefinitions).
        ViewDefinitions views = registered.current();
        return new DynamoDbShopViews(dynamo, views.tableOf("shop-detail"), views.tableOf("shop-list"),
                new CategoryShards(config.getCategoryShards()));
    }

    /** Every registered view's table, for GET /views/{view}/rows/{id}. */
    @Singleton
    ViewTables viewTables(DynamoDbClient dynamo, ZerosyncConfig config, RegisteredViews registered) {
        return new ViewTables(registered.derived(views -> {
            Map<String, ViewStore> byName = new LinkedHashMap<>();
            views.definitions().forEach(d -> byName.put(d.view(), ViewStores.of(dynamo, d.projection(), d.table(),
                    d.key(), ViewStores.categoryShards(d.settings(), config.getCategoryShards()))));
            return byName;
        }));
    }

    @Singleton
    ShopQueries shopQueries(ShopViews views, ZerosyncConfig config) {
        return new ShopQueries(views, Duration.ofMillis(config.getMinVersionWaitMillis()));
    }
}
