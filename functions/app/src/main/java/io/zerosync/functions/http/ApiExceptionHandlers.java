package io.zerosync.functions.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.zerosync.shop.command.IdempotencyKeyReusedException;
import io.zerosync.shop.command.PreconditionFailedException;
import io.zerosync.shop.command.ShopNotFoundException;
import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.shop.port.IdempotencyKeyTakenException;
import io.zerosync.kernel.port.SourceUnavailableException;
import io.zerosync.shop.port.VersionConflictException;
import io.zerosync.shop.query.NotYetSyncedException;
import io.zerosync.kernel.recovery.JobAlreadyRunningException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Maps every exception a route can raise to its documented status, in the one error shape
 * {@code {"error","message"}}: one table, first match wins. Anything not in the table is a bug, not bad
 * input: it is logged whole and answered 500 {@code internal_error} without internals. Micronaut's own
 * exceptions (unknown route, wrong method or media type) keep their more specific handlers and reach the
 * same shape through {@link ErrorShapeProcessor}.
 */
@Produces
@Singleton
@Requires(classes = ExceptionHandler.class)
public class ApiExceptionHandlers implements ExceptionHandler<RuntimeException, HttpResponse<Map<String, String>>> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandlers.class);

    /** One row: the exception class, how it answers. */
    record Row(Class<? extends RuntimeException> type, Function<RuntimeException, MutableHttpResponse<Map<String, String>>> answer) {
        static <E extends RuntimeException> Row of(Class<E> type, Function<E, MutableHttpResponse<Map<String, String>>> answer) {
            return new Row(type, e -> answer.apply(type.cast(e)));
        }
    }

    static final List<Row> TABLE = List.of(
            Row.of(BodyTooLargeException.class, e -> ApiError.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.code(), e.getMessage())),
            Row.of(InvalidInputException.class, e -> ApiError.of(HttpStatus.BAD_REQUEST, e.code(), e.getMessage())),
            Row.of(ShopNotFoundException.class, e -> ApiError.of(HttpStatus.NOT_FOUND, "not_found", e.getMessage())),
            Row.of(io.zerosync.kernel.input.NotFoundException.class,
                    e -> ApiError.of(HttpStatus.NOT_FOUND, "not_found", e.getMessage())),
            Row.of(PreconditionFailedException.class, e -> ApiError.of(HttpStatus.PRECONDITION_FAILED,
                    "version_mismatch", e.getMessage()).header("ETag", IfMatch.etag(e.currentVersion()))),
            Row.of(IdempotencyKeyReusedException.class, e -> ApiError.of(HttpStatus.UNPROCESSABLE_ENTITY,
                    "idempotency_key_reused", e.getMessage())),
            // Read-your-writes not yet possible: 409 with Retry-After, so a client can show "being updated"
            // instead of stale data passed off as current.
            Row.of(NotYetSyncedException.class, e -> ApiError.of(HttpStatus.CONFLICT, "not_yet_synced", e.getMessage())
                    .header("Retry-After", "1").header("X-Current-Version", Long.toString(e.current()))),
            Row.of(JobAlreadyRunningException.class, e -> ApiError.of(HttpStatus.CONFLICT, "job_running", e.getMessage())),
            // Lost the optimistic-lock race on every retry (a heavily contended shop). The request changed
            // nothing and is safe to repeat: 409 + Retry-After like not_yet_synced, not a 5xx, because the
            // service is healthy; the conflict is with other writers of the same shop.
            Row.of(VersionConflictException.class, e -> ApiError.of(HttpStatus.CONFLICT, "conflict",
                    "the shop is being changed by other requests right now; nothing was changed, retry")
                    .header("Retry-After", "1")),
            // Two requests raced for one Idempotency-Key and the winner's result is not readable yet.
            Row.of(IdempotencyKeyTakenException.class, e -> ApiError.of(HttpStatus.CONFLICT, "conflict",
                    "another request with this Idempotency-Key is in progress; retry").header("Retry-After", "1")),
            // The admin API's calls to the source API failed after retries: a dependency, not the caller.
            Row.of(SourceUnavailableException.class, e -> ApiError.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "source_unavailable", "the source API did not answer; retry later").header("Retry-After", "5")));

    @Override
    public HttpResponse<Map<String, String>> handle(HttpRequest request, RuntimeException e) {
        for (Row row : TABLE) {
            if (row.type().isInstance(e)) {
                return row.answer().apply(e);
            }
        }
        LOG.error("internal error {} {} {}", kv("event", "internal_error"), kv("method", request.getMethodName()),
                kv("path", request.getPath()), e);
        return ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "internal error; see the function's logs");
    }
}
