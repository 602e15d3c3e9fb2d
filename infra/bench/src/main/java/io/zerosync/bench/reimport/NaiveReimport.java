package io.zerosync.bench.reimport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.aws.dynamodb.DynamoDbViewStore;
import io.zerosync.shop.domain.Shop;
import io.zerosync.shop.domain.ShopDocument;
import io.zerosync.kernel.sync.View;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline a re-import is judged against: what a naive consumer does, on one thread. For each ID, one
 * {@code GET /internal/shops/{id}} from the source API, then one unconditional PutItem of the projected
 * row: no batch-get, no version gate, no skip. Stops after {@code maxIds} or {@code budget}, whichever
 * comes first, and answers the rate.
 */
final class NaiveReimport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI source;
    private final String token;
    private final DynamoDbClient dynamo;
    private final DynamoDbViewStore table;
    private final View<Shop> view;

    NaiveReimport(URI source, String token, DynamoDbClient dynamo, DynamoDbViewStore table, View<Shop> view) {
        this.source = source;
        this.token = token;
        this.dynamo = dynamo;
        this.table = table;
        this.view = view;
    }

    record Result(int rows, double seconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    Result run(List<String> ids, int maxIds, Duration budget) throws Exception {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int rows = 0;
        for (String id : ids) {
            if (rows >= maxIds || System.nanoTime() > deadline) {
                break;
            }
            Shop shop = get(id);
            dynamo.putItem(r -> r.tableName(table.table()).item(table.item(view.rowOf(shop, Instant.now()))));
            rows++;
        }
        return new Result(rows, (System.nanoTime() - start) / 1e9);
    }

    @SuppressWarnings("unchecked")
    private Shop get(String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(source.resolve("/internal/shops/" + id))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /internal/shops/" + id + " answered " + response.statusCode());
        }
        Map<String, Object> doc = JSON.readValue(response.body(), LinkedHashMap.class);
        String shopId = (String) doc.remove("shopId");
        long version = ((Number) doc.remove("version")).longValue();
        Instant updatedAt = Instant.parse((String) doc.remove("updatedAt"));
        return new Shop(shopId, version, updatedAt, ShopDocument.details(doc));
    }
}
