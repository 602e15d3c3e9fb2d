package io.zerosync.functions.http;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.Map;

/** Liveness. The local cloud serves HTTP only after provisioning, so a 200 here means ready. */
@Controller("/health")
public class HealthController {
    @Get
    public Map<String, String> health() {
        return Map.of("status", "ok");
    }
}
