package io.zerosync.functions.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Map;

/**
 * Puts Micronaut's own errors (unknown route, wrong method or media type, unexpected failures) into the
 * same {@code {"error","message"}} shape as ours, so clients parse one shape only.
 */
@Singleton
@Primary
public class ErrorShapeProcessor implements ErrorResponseProcessor<Map<String, String>> {

    @Override
    public MutableHttpResponse<Map<String, String>> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String message = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        if (status.getCode() >= 500) {
            // Internals stay in the logs; the client gets a stable, non-leaky message.
            message = "internal error; see the function's logs";
        }
        String code = status.getReason().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return ApiError.of(status, code, message).headers(h -> response.getHeaders()
                .forEach((name, values) -> values.forEach(v -> h.add(name, v))));
    }
}
