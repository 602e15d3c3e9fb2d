package io.zerosync.functions.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The routes one API function serves: {@code ZEROSYNC_API_ROUTES}, comma-separated {@code METHOD /prefix}
 * entries ({@code *} for any method), e.g. {@code * /internal} or {@code GET /shops}. One jar holds every
 * controller, so without this a function would serve any route that reached it: the command function must
 * not answer /internal, nor the source function a write. Blank means every route (the local cloud's one
 * HTTP server, which serves the union of the API functions' routes, and tests of single controllers).
 */
public record FunctionRoutes(List<Route> routes) {

    public record Route(String method, String prefix) {
        public boolean matches(String requestMethod, String path) {
            return ("*".equals(method) || method.equalsIgnoreCase(requestMethod))
                    && (path.equals(prefix) || path.startsWith(prefix + "/"));
        }
    }

    public static FunctionRoutes parse(String spec) {
        List<Route> routes = new ArrayList<>();
        if (spec != null) {
            for (String entry : spec.split(",")) {
                String trimmed = entry.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+");
                if (parts.length != 2 || !parts[1].startsWith("/")) {
                    throw new IllegalArgumentException("ZEROSYNC_API_ROUTES entry \"" + trimmed
                            + "\" is not \"METHOD /prefix\"");
                }
                String prefix = parts[1].length() > 1 ? parts[1].replaceAll("/+$", "") : parts[1];
                routes.add(new Route(parts[0].toUpperCase(Locale.ROOT), prefix));
            }
        }
        return new FunctionRoutes(List.copyOf(routes));
    }

    public boolean servesEverything() {
        return routes.isEmpty();
    }

    public boolean serves(String method, String path) {
        return servesEverything() || routes.stream().anyMatch(r -> r.matches(method, path));
    }
}
