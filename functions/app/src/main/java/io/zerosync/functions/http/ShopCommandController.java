package io.zerosync.functions.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.zerosync.shop.command.ShopCommands;
import io.zerosync.shop.command.WriteResult;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** The write side's HTTP routes: parse, call the use case, map the result. */
@Controller("/shops")
public class ShopCommandController {
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final ShopCommands commands;
    private final JsonBodies bodies;

    public ShopCommandController(ShopCommands commands, JsonBodies bodies) {
        this.commands = commands;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> create(@Body @Nullable byte[] body,
                                                    @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        WriteResult result = commands.create(bodies.parse(body), idempotencyKey);
        MutableHttpResponse<Map<String, Object>> response = written(HttpResponse.created(URI.create("/shops/" + result.shopId())), result);
        return result.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Patch("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    public HttpResponse<Map<String, Object>> patch(@PathVariable String id, @Body @Nullable byte[] body,
                                                   @Header("If-Match") @Nullable String ifMatch) {
        return written(HttpResponse.ok(), commands.patch(id, bodies.parse(body), IfMatch.parse(ifMatch)));
    }

    @Put("/{id}/menus/{menuId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> putMenu(@PathVariable String id, @PathVariable String menuId,
                                                     @Body @Nullable byte[] body,
                                                     @Header("If-Match") @Nullable String ifMatch) {
        return written(HttpResponse.ok(), commands.putMenu(id, menuId, bodies.parse(body), IfMatch.parse(ifMatch)));
    }

    @Delete("/{id}/menus/{menuId}")
    public HttpResponse<Map<String, Object>> deleteMenu(@PathVariable String id, @PathVariable String menuId,
                                                        @Header("If-Match") @Nullable String ifMatch) {
        return written(HttpResponse.ok(), commands.deleteMenu(id, menuId, IfMatch.parse(ifMatch)));
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(@PathVariable String id, @Header("If-Match") @Nullable String ifMatch) {
        WriteResult result = commands.delete(id, IfMatch.parse(ifMatch));
        return HttpResponse.<Void>noContent().header("ETag", IfMatch.etag(result.version()));
    }

    private static MutableHttpResponse<Map<String, Object>> written(MutableHttpResponse<?> response, WriteResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shopId", result.shopId());
        body.put("version", result.version());
        return response.header("ETag", IfMatch.etag(result.version())).body(body);
    }
}
