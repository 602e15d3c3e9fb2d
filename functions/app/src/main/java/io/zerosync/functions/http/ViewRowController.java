package io.zerosync.functions.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.zerosync.functions.config.ApiTimestamps;
import io.zerosync.functions.config.ViewTables;
import io.zerosync.kernel.entity.EntityIds;
import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.kernel.input.NotFoundException;
import io.zerosync.kernel.input.Text;
import io.zerosync.kernel.sync.ViewRow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Any registered view's row by ID: a view declared in the template is served without code. Its fields as the
 * projection wrote them, with the row's bookkeeping; ETag and caching as for a shop page.
 */
@Controller("/views")
public class ViewRowController {
    private static final Pattern VIEW_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final ViewTables views;

    public ViewRowController(ViewTables views) {
        this.views = views;
    }

    @Get("/{view}/rows/{id}")
    public HttpResponse<Map<String, Object>> row(@PathVariable String view, @PathVariable String id,
                                                 @Header("If-None-Match") @Nullable String ifNoneMatch) {
        if (!VIEW_NAME.matcher(view).matches()) {
            throw InvalidInputException.invalid("view", "must be a view name (lower-case letters, digits and '-')");
        }
        EntityIds.require(id, "id");
        ViewRow row = views.named(view)
                // A public route: it says which view it did not find, not which views there are.
                .orElseThrow(() -> new NotFoundException("no view " + Text.quote(view)))
                .find(id)
                .orElseThrow(() -> new NotFoundException(view + " has no row " + id));
        MutableHttpResponse<Map<String, Object>> response = ReadCaching.notModified(ifNoneMatch, row.version())
                ? HttpResponse.notModified() : HttpResponse.ok(json(view, row));
        return response.header("ETag", IfMatch.etag(row.version()))
                .header("Cache-Control", ReadCaching.CACHE_CONTROL)
                .header("Vary", ReadCaching.VARY);
    }

    private static Map<String, Object> json(String view, ViewRow row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("view", view);
        json.put("id", row.id());
        json.put("version", row.version());
        json.put("changedAt", ApiTimestamps.format(row.changedAt()));
        json.put("syncedAt", ApiTimestamps.format(row.syncedAt()));
        Map<String, Object> fields = new LinkedHashMap<>();
        // Never emit invalid UTF-8, whatever a row holds.
        row.fields().forEach((k, v) -> fields.put((String) Text.wellFormed(k), Text.wellFormed(v)));
        json.put("fields", fields);
        return json;
    }
}
