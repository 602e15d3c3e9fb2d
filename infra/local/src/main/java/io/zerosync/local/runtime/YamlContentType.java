package io.zerosync.local.runtime;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Serves the API description ({@code /openapi/*.yaml}) as {@code application/yaml} (RFC 9512). Micronaut's
 * static resources take the type from its extension table, which has no YAML, so it would go out as
 * {@code text/plain}.
 */
@ServerFilter("/openapi/**")
public class YamlContentType {
    static final String APPLICATION_YAML = "application/yaml";

    @ResponseFilter
    public void yaml(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.status() == HttpStatus.OK && request.getPath().endsWith(".yaml")) {
            response.contentType(APPLICATION_YAML);
        }
    }
}
