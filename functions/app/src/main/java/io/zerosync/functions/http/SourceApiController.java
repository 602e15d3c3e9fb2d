package io.zerosync.functions.http;

import io.zerosync.shop.domain.Shop;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.zerosync.shop.command.ShopNotFoundException;
import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import io.zerosync.shop.source.ShopSourceQueries;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source API: the write side's current truth, for sync functions and re-import jobs. Not public:
 * IAM auth on AWS, a bearer token locally. On AWS it is SourceApiFunction behind its own API (SourceApi),
 * so internal and public traffic have separate throttles and concurrency.
 */
@Controller("/internal/shops")
public class SourceApiController {
    private final ShopSourceQueries source;
    private final JsonBodies bodies;

    public SourceApiController(ShopSourceQueries source, JsonBodies bodies) {
        this.source = source;
        this.bodies = bodies;
    }

    /** How many shops (tombstones included) there are, approximately: for re-import progress and estimates. */
    @Get("/stats")
    public Map<String, Object> stats() {
        return Map.of("approximateCount", source.approximateCount());
    }

    @Get("/{id}")
    public HttpResponse<Map<String, Object>> get(@PathVariable String id) {
        return source.get(id)
                .map(shop -> HttpResponse.ok(ShopJson.of(shop)).header("ETag", IfMatch.etag(shop.version())))
                .orElseThrow(() -> new ShopNotFoundException("shop " + id));
    }

    @Post("/batch-get")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> batchGet(@Body @Nullable byte[] body) {
        Object json = bodies.parse(body);
        if (!(json instanceof Map<?, ?> doc) || !(doc.get("ids") instanceof List<?> rawIds) || doc.size() != 1) {
            throw new InvalidInputException("invalid_body", "body must be {\"ids\": [\"<shopId>\", ...]}");
        }
        List<String> ids = new ArrayList<>();
        for (Object id : rawIds) {
            if (!(id instanceof String s)) {
                throw InvalidInputException.invalid("ids", "must hold strings only");
            }
            ids.add(s);
        }
        return BatchGetAnswer.of(source.batchGet(ids), BatchGetAnswer.DEFAULT_BUDGET_BYTES);
    }

    @Get
    public Map<String, Object> export(@QueryValue @Nullable String updatedFrom, @QueryValue @Nullable String updatedTo,
                                      @QueryValue @Nullable String segment, @QueryValue @Nullable String totalSegments,
                                      @QueryValue @Nullable String cursor, @QueryValue @Nullable String limit,
                                      @QueryValue @Nullable String fields) {
        boolean idsOnly = "ids".equals(fields);
        if (fields != null && !idsOnly && !"shops".equals(fields)) {
            throw InvalidInputException.invalid("fields", "must be \"shops\" or \"ids\"");
        }
        ExportQuery query = new ExportQuery(instant("updatedFrom", updatedFrom), instant("updatedTo", updatedTo),
                integer("segment", segment, 0), integer("totalSegments", totalSegments, 1), cursor,
                integer("limit", limit, ExportQuery.DEFAULT_LIMIT));
        ExportPage<Shop> page = source.export(query);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(idsOnly ? "ids" : "shops", page.entities().stream().map(idsOnly ? ShopJson::idOf : ShopJson::of).toList());
        out.put("nextCursor", page.nextCursor());
        return out;
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.invalid(name, "must be an ISO-8601 UTC timestamp such as 2026-11-22T23:00:00Z");
        }
    }

    private static int integer(String name, String value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw InvalidInputException.invalid(name, "must be an integer");
        }
    }
}
