package io.zerosync.functions.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.kernel.input.Text;
import io.zerosync.shop.query.ListQuery;
import io.zerosync.shop.query.ShopQueries;
import io.zerosync.shop.port.ShopViews;
import io.zerosync.kernel.sync.ViewRow;
import io.zerosync.functions.config.ApiTimestamps;

import java.util.LinkedHashMap;
import java.util.Map;

/** The read side: shop pages from shop-detail, listings from shop-list. */
@Controller("/shops")
public class ShopQueryController {
    private final ShopQueries queries;

    public ShopQueryController(ShopQueries queries) {
        this.queries = queries;
    }

    @Get("/{id}")
    public HttpResponse<Map<String, Object>> detail(@PathVariable String id,
                                                    @Header("X-Min-Version") @Nullable String minVersion,
                                                    @Header("If-None-Match") @Nullable String ifNoneMatch) {
        ViewRow row = queries.detail(id, minVersion(minVersion));
        MutableHttpResponse<Map<String, Object>> response = ReadCaching.notModified(ifNoneMatch, row.version())
                ? HttpResponse.notModified() : HttpResponse.ok(json(row));
        return response.header("ETag", IfMatch.etag(row.version()))
                .header("Cache-Control", ReadCaching.CACHE_CONTROL)
                .header("Vary", ReadCaching.VARY);
    }

    @Get
    public Map<String, Object> list(@QueryValue @Nullable String category, @QueryValue @Nullable String open,
                                    @QueryValue @Nullable String limit, @QueryValue @Nullable String cursor) {
        ShopViews.ListPage page = queries.list(new ListQuery(category, flag(open), limit(limit), cursor));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shops", page.rows().stream().map(ShopQueryController::json).toList());
        out.put("nextCursor", page.nextCursor());
        return out;
    }

    static Map<String, Object> json(ViewRow row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shopId", row.id());
        // Rows written before text was checked may hold lone surrogates; never emit invalid UTF-8.
        row.fields().forEach((k, v) -> json.put((String) Text.wellFormed(k), Text.wellFormed(v)));
        json.put("version", row.version());
        json.put("changedAt", ApiTimestamps.format(row.changedAt()));
        json.put("syncedAt", ApiTimestamps.format(row.syncedAt()));
        return json;
    }

    private static long minVersion(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(header.strip());
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("invalid_header", "X-Min-Version must be a positive integer");
        }
    }

    private static Boolean flag(String open) {
        if (open == null || open.isBlank()) {
            return null;
        }
        if (open.equals("true") || open.equals("false")) {
            return Boolean.valueOf(open);
        }
        throw InvalidInputException.invalid("open", "must be true or false");
    }

    private static int limit(String limit) {
        if (limit == null) {
            return ListQuery.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw InvalidInputException.invalid("limit", "must be an integer");
        }
    }
}
