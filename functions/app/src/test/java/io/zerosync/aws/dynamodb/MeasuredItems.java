package io.zerosync.aws.dynamodb;

import io.zerosync.shop.domain.Ids;
import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.shop.port.IdempotencyClaim;
import io.zerosync.kernel.sync.Gate;
import io.zerosync.kernel.sync.View;
import io.zerosync.shop.views.ShopDetailProjection;
import io.zerosync.shop.views.ShopListProjection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The items the real stores write, captured from a recording client (no DynamoDB needed), and their sizes
 * by DynamoDB's item-size rules. Lives in the stores' package to reach their item mappers.
 */
public final class MeasuredItems {
    private static final Duration TTL = Duration.ofDays(30);
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00.123Z");

    /** Sizes in bytes of one shop's items: base item, idempotency claim, and its row in each view. */
    public record Sizes(int shopItem, int claimItem, int shopDetailRow, int shopListRow, int menus) {
    }

    private MeasuredItems() {
    }

    /** Builds the largest shop of realistic menus whose ShopsTable item is at most {@code maxBytes}. */
    public static Sizes ofShopUpTo(int maxBytes) {
        List<Menu> menus = new ArrayList<>();
        Sizes fits = measure(menus);
        while (true) {
            menus.add(new Menu("menu-" + (1000 + menus.size()), "Spicy fried chicken set with fries " + menus.size(),
                    18_900, false));
            Sizes next = measure(menus);
            if (next.shopItem() > maxBytes) {
                return fits;
            }
            fits = next;
        }
    }

    private static Sizes measure(List<Menu> menus) {
        ShopDetails details = new ShopDetails("Golden Crisp Chicken Gangnam", "chicken",
                "123 Teheran-ro, Gangnam-gu, Seoul 06133", "+82 2 555 0199", 15_000, 3_000, true, List.copyOf(menus));
        Shop shop = Shop.created(Ids.newShopId(), details, NOW);
        List<Map<String, AttributeValue>> written = new ArrayList<>();
        DynamoDbClient recorder = recorder(written);
        new DynamoDbWriteStore(recorder, "ShopsTable", "IdempotencyTable", TTL, TTL, 32)
                .insert(shop, new IdempotencyClaim("4f6c1f0e-2a51-4a8e-9c9e-5d0e3b7f1a22",
                        "9b74c9897bac770ffc029102a200c5de5d0e3b7f1a229b74c9897bac770ffc02", shop.shopId(), 1, NOW));
        View<Shop> detail = new View<>(new ShopDetailProjection(), new DynamoDbViewStore(recorder, "ShopDetailTable", "shopId"), null);
        View<Shop> list = new View<>(new ShopListProjection(),
                new DynamoDbViewStore(recorder, "ShopListTable", "shopId", new CategoryShards(16)), null);
        detail.store().put(detail.rowOf(shop, NOW), Gate.EVENT);
        list.store().put(list.rowOf(shop, NOW), Gate.EVENT);
        return new Sizes(size(written.get(0)), size(written.get(1)), size(written.get(2)), size(written.get(3)),
                menus.size());
    }

    /** A client that records the items of PutItem and TransactWriteItems (in call order) and answers OK. */
    private static DynamoDbClient recorder(List<Map<String, AttributeValue>> written) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof PutItemRequest put) {
                written.add(put.item());
                return PutItemResponse.builder().build();
            }
            if (args != null && args.length == 1 && args[0] instanceof TransactWriteItemsRequest tx) {
                tx.transactItems().forEach(t -> written.add(t.put().item()));
                return TransactWriteItemsResponse.builder().build();
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args); // builder overloads land above
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (DynamoDbClient) Proxy.newProxyInstance(MeasuredItems.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, handler);
    }

    /** DynamoDB's item size: attribute names plus values (strings in UTF-8, numbers ~1 byte per 2 digits + 1). */
    public static int size(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToInt(e -> utf8(e.getKey()) + size(e.getValue())).sum();
    }

    private static int size(AttributeValue v) {
        return switch (v.type()) {
            case S -> utf8(v.s());
            case N -> (v.n().replaceAll("[^0-9]", "").replaceFirst("^0+(?=.)", "").length() + 1) / 2 + 1;
            case BOOL, NUL -> 1;
            // Lists and maps: 3 bytes, plus 1 byte per element, plus the elements (and a map's keys).
            case L -> 3 + v.l().stream().mapToInt(e -> 1 + size(e)).sum();
            case M -> 3 + v.m().entrySet().stream().mapToInt(e -> 1 + utf8(e.getKey()) + size(e.getValue())).sum();
            default -> throw new IllegalArgumentException("no size rule for " + v.type());
        };
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
