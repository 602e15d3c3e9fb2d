package io.zerosync.functions.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.zerosync.core.command.IdempotencyKeyReusedException;
import io.zerosync.core.command.PreconditionFailedException;
import io.zerosync.core.command.ShopNotFoundException;
import io.zerosync.core.domain.InvalidInputException;
import io.zerosync.core.query.NotYetSyncedException;
import io.zerosync.core.recovery.JobAlreadyRunningException;
import jakarta.inject.Singleton;

import java.util.Map;

/** Maps the core's exceptions to HTTP statuses in the one error shape. */
final class ApiExceptionHandlers {
    private ApiExceptionHandlers() {
    }

    @Produces
    @Singleton
    @Requires(classes = {InvalidInputException.class, ExceptionHandler.class})
    static class InvalidInput implements ExceptionHandler<InvalidInputException, HttpResponse<Map<String, String>>> {
        @Override
        public HttpResponse<Map<String, String>> handle(HttpRequest request, InvalidInputException e) {
            return ApiError.of(HttpStatus.BAD_REQUEST, e.code(), e.getMessage());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {ShopNotFoundException.class, ExceptionHandler.class})
    static class NotFound implements ExceptionHandler<ShopNotFoundException, HttpResponse<Map<String, String>>> {
        @Override
        public HttpResponse<Map<String, String>> handle(HttpRequest request, ShopNotFoundException e) {
            return ApiError.of(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {PreconditionFailedException.class, ExceptionHandler.class})
    static class PreconditionFailed implements ExceptionHandler<PreconditionFailedException, HttpResponse<Map<String, String>>> {
        @Override
        public HttpResponse<Map<String, String>> handle(HttpRequest request, PreconditionFailedException e) {
            return ApiError.of(HttpStatus.PRECONDITION_FAILED, "version_mismatch", e.getMessage())
                    .header("ETag", IfMatch.etag(e.currentVersion()));
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {IdempotencyKeyReusedException.class, ExceptionHandler.class})
    static class KeyReused implements ExceptionHandler<IdempotencyKeyReusedException, HttpResponse<Map<String, String>>> {
        @Override
        public HttpResponse<Map<String, String>> handle(HttpRequest request, IdempotencyKeyReusedException e) {
            return ApiError.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused", e.getMessage());
        }
    }

    /**
     * Read-your-writes not yet possible: 409 with Retry-After, so a client can show "being updated"
     * instead of stale data passed off as current.
     */
    @Produces
    @Singleton
    @Requires(classes = {NotYetSyncedException.class, ExceptionHandler.class})
    static class NotYetSynced implements ExceptionHandler<NotYetSyncedException, HttpResponse<Map<String, String>>> {
        @Override
        public HttpResponse<Map<String, String>> handle(HttpRequest request, NotYetSyncedException e) {
            return ApiError.of(HttpStatus.CONFLICT, "not_yet_synced", e.getMessage())
                    .header("Retry-After", "1")
                    .header("X-Current-Version", Long.toString(e.current()));
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {JobAlreadyRunningException.class, ExceptionHandler.class})
    static class JobRunning implements ExceptionHandler<JobAlreadyRunningException, HttpResponse<Map<String, String>>> {
        @Override
        public HttpResponse<Map<String, String>> handle(HttpRequest request, JobAlreadyRunningException e) {
            return ApiError.of(HttpStatus.CONFLICT, "job_running", e.getMessage());
        }
    }
}
