package io.zerosync.functions.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.shop.domain.Menu;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDetails;
import io.zerosync.shop.source.ShopSourceQueries;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** batch-get answers what fits in its byte budget and lists the rest as unprocessed. */
class BatchGetAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsTheShopsBeyondTheBudgetAsUnprocessed_whenOneHundredLargeShopsAreAsked() throws Exception {
        List<Shop> shops = IntStream.range(0, 100).mapToObj(i -> largeShop("shp_large_" + i)).toList();
        ShopSourceQueries.BatchResult result = new ShopSourceQueries.BatchResult(shops, List.of("shp_gone"), Map.of("shp_gone", 3L));

        Map<String, Object> answer = BatchGetAnswer.of(result, BatchGetAnswer.DEFAULT_BUDGET_BYTES);

        byte[] body = JSON.writeValueAsBytes(answer);
        assertTrue(body.length <= BatchGetAnswer.DEFAULT_BUDGET_BYTES, "answer of " + body.length + " bytes");
        List<String> served = served(answer);
        @SuppressWarnings("unchecked")
        List<String> unprocessed = (List<String>) answer.get("unprocessed");
        assertFalse(unprocessed.isEmpty(), "100 shops of this size (" + JSON.writeValueAsBytes(ShopJson.of(shops.get(0))).length
                + " bytes each) do not fit in 4 MB");
        assertTrue(served.size() > 10, "as many as fit are served: " + served.size());
        List<String> everyId = new ArrayList<>(served);
        everyId.addAll(unprocessed);
        assertEquals(shops.stream().map(Shop::shopId).toList(), everyId, "each ID once, in request order");
        assertEquals(List.of("shp_gone"), answer.get("missing"));
    }

    @Test
    void servesEverything_whenItFits() throws Exception {
        List<Shop> shops = IntStream.range(0, 5).mapToObj(i -> largeShop("shp_small_" + i)).toList();

        Map<String, Object> answer = BatchGetAnswer.of(new ShopSourceQueries.BatchResult(shops, List.of(), Map.of()),
                BatchGetAnswer.DEFAULT_BUDGET_BYTES);

        assertEquals(5, served(answer).size());
        assertEquals(List.of(), answer.get("unprocessed"));
    }

    @Test
    void alwaysServesTheFirstShop_soEveryCallMakesProgress() throws Exception {
        List<Shop> shops = List.of(largeShop("shp_a"), largeShop("shp_b"));

        Map<String, Object> answer = BatchGetAnswer.of(new ShopSourceQueries.BatchResult(shops, List.of(), Map.of()), 1);

        assertEquals(List.of("shp_a"), served(answer));
        assertEquals(List.of("shp_b"), answer.get("unprocessed"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> served(Map<String, Object> answer) {
        return ((List<Map<String, Object>>) answer.get("shops")).stream().map(s -> (String) s.get("shopId")).toList();
    }

    /** The largest shop the rules allow, about: 200 menus with 100-character names of 3-byte UTF-8 characters. */
    static Shop largeShop(String id) {
        String longName = "김치찌개".repeat(25);
        List<Menu> menus = IntStream.range(0, ShopDetails.MAX_MENUS)
                .mapToObj(i -> new Menu("menu-" + i, longName, 12_000, false)).toList();
        return new Shop(id, 1, Instant.parse("2026-11-24T12:00:00Z"),
                new ShopDetails("큰 가게 " + id, "korean", "서울".repeat(50), null, 10_000, 3_000, true, menus));
    }
}
