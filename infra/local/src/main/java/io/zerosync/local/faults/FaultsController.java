package io.zerosync.local.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.zerosync.functions.config.LocalOverrides;
import io.zerosync.local.runtime.LocalAdminRoute;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET/PUT /local/faults}: the fault switchboard over HTTP, bearer admin token. Served by the local
 * cloud's HTTP API only (this class lives in infra/local, never in the Lambda jar, and exists only where
 * a {@link Faults} bean was registered). PUT takes the flag's keys as a flat JSON object and replaces
 * every rate (keys not given are 0); GET answers the rates and the faults injected so far by kind.
 */
@Controller("/local/faults")
@Requires(beans = Faults.class)
public class FaultsController {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Faults faults;
    private final LocalAdminRoute admin;

    public FaultsController(Faults faults, LocalOverrides local) {
        this.faults = faults;
        this.admin = new LocalAdminRoute(local);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> get(HttpRequest<?> request) {
        HttpResponse<String> refused = admin.refusal(request);
        return refused != null ? refused : HttpResponse.ok(describe());
    }

    @Put(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> put(HttpRequest<?> request, @Body @Nullable String body) {
        HttpResponse<String> refused = admin.refusal(request);
        if (refused != null) {
            return refused;
        }
        Map<?, ?> pairs;
        try {
            Object parsed = JSON.readValue(body == null || body.isBlank() ? "{}" : body, Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                return LocalAdminRoute.error(HttpStatus.BAD_REQUEST, "invalid_body", "body must be a JSON object of rates");
            }
            pairs = map;
        } catch (JsonProcessingException e) {
            return LocalAdminRoute.error(HttpStatus.BAD_REQUEST, "invalid_json", "body is not valid JSON");
        }
        Map<String, Object> byKey = new LinkedHashMap<>();
        pairs.forEach((k, v) -> byKey.put(String.valueOf(k), v));
        try {
            faults.set(FaultRates.of(byKey));
        } catch (IllegalArgumentException e) {
            return LocalAdminRoute.error(HttpStatus.BAD_REQUEST, "invalid_fault", e.getMessage());
        } catch (IllegalStateException e) {
            return LocalAdminRoute.error(HttpStatus.CONFLICT, "faults_not_enabled", e.getMessage());
        }
        return HttpResponse.ok(describe());
    }

    private String describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("proxied", faults.proxied());
        out.put("rates", faults.rates().toMap());
        out.put("injected", faults.injected());
        return LocalAdminRoute.json(out);
    }
}
