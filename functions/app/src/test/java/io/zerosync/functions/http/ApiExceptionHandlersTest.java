package io.zerosync.functions.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.zerosync.shop.command.IdempotencyKeyReusedException;
import io.zerosync.shop.command.PreconditionFailedException;
import io.zerosync.shop.command.ShopNotFoundException;
import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.shop.port.IdempotencyKeyTakenException;
import io.zerosync.kernel.port.SourceUnavailableException;
import io.zerosync.shop.port.VersionConflictException;
import io.zerosync.shop.query.NotYetSyncedException;
import io.zerosync.kernel.recovery.JobAlreadyRunningException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The exception table: each exception a route can raise answers its documented status and code. */
class ApiExceptionHandlersTest {
    private final ApiExceptionHandlers handlers = new ApiExceptionHandlers();
    private final HttpRequest<?> request = HttpRequest.GET("/shops/shp_1");

    @Test
    void mapsEveryDocumentedException_toItsStatusAndCode() {
        assertAnswer(new InvalidInputException("invalid_field", "name is required"), 400, "invalid_field");
        assertAnswer(new BodyTooLargeException("too big"), 413, "body_too_large");
        assertAnswer(new ShopNotFoundException("shop shp_1"), 404, "not_found");
        assertAnswer(new PreconditionFailedException("shp_1", 1, 2), 412, "version_mismatch");
        assertAnswer(new IdempotencyKeyReusedException("k"), 422, "idempotency_key_reused");
        assertAnswer(new NotYetSyncedException("shp_1", 2, 1), 409, "not_yet_synced");
        assertAnswer(new JobAlreadyRunningException("shop-list", "job_1"), 409, "job_running");
        assertAnswer(new IdempotencyKeyTakenException("k"), 409, "conflict");
        assertAnswer(new SourceUnavailableException("down"), 503, "source_unavailable");
    }

    @Test
    void answersALostVersionRace_as409ConflictWithRetryAfter() {
        HttpResponse<Map<String, String>> r = assertAnswer(new VersionConflictException("shp_1", 3), 409, "conflict");

        assertEquals("1", r.getHeaders().get("Retry-After"));
    }

    @Test
    void answersAnUnexpectedException_as500WithoutItsInternals() {
        HttpResponse<Map<String, String>> r = assertAnswer(
                new IllegalStateException("table arn:aws:dynamodb:secret-table exploded"), 500, "internal_error");

        assertFalse(r.body().get("message").contains("secret-table"), r.body().get("message"));
    }

    private HttpResponse<Map<String, String>> assertAnswer(RuntimeException e, int status, String code) {
        HttpResponse<Map<String, String>> r = handlers.handle(request, e);
        assertEquals(status, r.getStatus().getCode(), e.toString());
        assertEquals(code, r.body().get("error"), e.toString());
        assertEquals(String.class, r.body().get("message").getClass());
        return r;
    }
}
