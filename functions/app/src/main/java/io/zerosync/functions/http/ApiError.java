package io.zerosync.functions.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one error shape of every route: {@code {"error": "<code>", "message": "<human text>"}}. */
final class ApiError {
    private ApiError() {
    }

    static MutableHttpResponse<Map<String, String>> of(HttpStatus status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return HttpResponse.<Map<String, String>>status(status).body(body);
    }
}
