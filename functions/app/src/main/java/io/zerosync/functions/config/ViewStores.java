package io.zerosync.functions.config;

import io.zerosync.aws.dynamodb.CategoryShards;
import io.zerosync.aws.dynamodb.DynamoDbViewStore;
import io.zerosync.aws.dynamodb.IndexKeys;
import io.zerosync.kernel.sync.Projection;
import io.zerosync.shop.views.ShopListProjection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A view's table. The shop-list's ByCategory index is keyed by a sharded attribute its table derives from
 * each row ({@link CategoryShards}): how the table spreads its index is storage, so it lives here and not
 * in the projection, whose rows (and content hash) stay the same whatever the shard count. Every function
 * that writes shop-list rows (its sync function, the re-import worker, the admin API's repairs) builds its
 * store here, with the same ZEROSYNC_CATEGORY_SHARDS as the query function that reads them.
 */
final class ViewStores {
    private ViewStores() {
    }

    static DynamoDbViewStore of(DynamoDbClient dynamo, Projection<?> projection, String table, String keyAttribute,
                                int categoryShards) {
        IndexKeys keys = ShopListProjection.VIEW.equals(projection.view())
                ? new CategoryShards(categoryShards) : IndexKeys.NONE;
        return new DynamoDbViewStore(dynamo, table, keyAttribute, keys);
    }

    /** {@code categoryShards} of a view's {@code k=v,k=v} settings (its declaration's), or {@code otherwise}. */
    static int categoryShards(String settings, int otherwise) {
        for (String pair : settings == null ? new String[0] : settings.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].strip().equals("categoryShards")) {
                return Integer.parseInt(kv[1].strip());
            }
        }
        return otherwise;
    }
}
