package io.zerosync.bench.sync;

import io.micronaut.context.ApplicationContext;
import io.zerosync.aws.dynamodb.DynamoDbViewStore;
import io.zerosync.shop.domain.Ids;
import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.shop.port.WriteStore;
import io.zerosync.kernel.sync.Gate;
import io.zerosync.kernel.sync.SyncEngine;
import io.zerosync.kernel.sync.SyncReport;
import io.zerosync.kernel.sync.View;
import io.zerosync.shop.views.ShopDetailProjection;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.LocalCloudOptions;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import io.zerosync.aws.source.HttpSourceReader;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.RetryPolicy;
import io.zerosync.shop.source.ShopDecoder;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Path;
import io.zerosync.aws.source.HttpSourceReader;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.RetryPolicy;
import io.zerosync.shop.source.ShopDecoder;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import io.zerosync.aws.source.HttpSourceReader;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.RetryPolicy;
import io.zerosync.shop.source.ShopDecoder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import io.zerosync.aws.source.HttpSourceReader;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.RetryPolicy;
import io.zerosync.shop.source.ShopDecoder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import io.zerosync.aws.source.HttpSourceReader;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.RetryPolicy;
import io.zerosync.shop.source.ShopDecoder;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Measures the sync engine on the local cloud: the same shops synced into fresh view tables one ID per
 * call (the baseline: one source request per shop, as a naive consumer would) and in one batched call
 * (batch-get of up to 100), in the same process, and prints both rates and their ratio.
 *
 * <pre>java -cp infra/bench/target/zerosync-bench.jar io.zerosync.bench.sync.SyncBench [shops] [rounds]</pre>
 */
public final class SyncBench {
    private SyncBench() {
    }

    public static void main(String[] args) {
        int shops = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path template = LocalCloudOptions.findTemplate(Path.of("").toAbsolutePath());
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(template, "bench").withoutPollers());
             ApplicationContext command = cloud.environmentOf("CommandApiFunction").startContext();
             ApplicationContext sync = cloud.environmentOf("ShopDetailView.SyncFunction").startContext()) {
            List<String> ids = seed(command.getBean(WriteStore.class), shops);
            SyncEngine engine = sync.getBean(SyncEngine.class);
            HttpSourceReader<Shop> source = new HttpSourceReader<>(HttpSourceReader.defaultClient(),
                    URI.create(sync.getRequiredProperty("zerosync.source.api.url", String.class) + "/internal/shops"),
                    new ShopDecoder(), RequestAuth.bearer(cloud.adminToken()), RetryPolicy.standard(), Duration.ofSeconds(5));
            System.out.printf(Locale.ROOT, "%d shops, %d rounds each, local cloud on %d cores%n", shops, rounds,
                    Runtime.getRuntime().availableProcessors());
            for (int round = 1; round <= rounds; round++) {
                double perId = run(cloud, engine, source, ids, false, "r" + round + "-one");
                double batched = run(cloud, engine, source, ids, true, "r" + round + "-batch");
                System.out.printf(Locale.ROOT, "round %d: one ID per call %7.0f shops/s | batched %7.0f shops/s | ratio %.1fx%n",
                        round, perId, batched, batched / perId);
            }
        }
    }

    private static List<String> seed(WriteStore store, int shops) {
        List<String> ids = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < shops; i++) {
            Shop shop = Shop.created(Ids.newShopId(), new ShopDetails("Bench " + i, "bench", "1 Bench Road", null, 1000,
                    100, true, List.of(new Menu("m1", "Dish", 500, false))), now);
            store.insert(shop, null);
            ids.add(shop.shopId());
        }
        return ids;
    }

    /** Syncs every ID into a new view table; answers shops per second. */
    private static double run(LocalCloud cloud, SyncEngine engine, HttpSourceReader<Shop> source, List<String> ids,
                              boolean batched, String name) {
        String table = "Bench-" + name;
        cloud.dynamo().createTable(t -> t.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("shopId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("shopId").keyType(KeyType.HASH)));
        View<Shop> view = new View<>(new ShopDetailProjection(), new DynamoDbViewStore(cloud.dynamo(), table, "shopId"), source);
        long start = System.nanoTime();
        int written = 0;
        if (batched) {
            written = engine.syncIds(view, ids, Gate.EVENT).written();
        } else {
            for (String id : ids) {
                SyncReport report = engine.syncIds(view, List.of(id), Gate.EVENT);
                written += report.written();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (written != ids.size()) {
            throw new IllegalStateException(name + " wrote " + written + " of " + ids.size());
        }
        return ids.size() / seconds;
    }
}
