package io.zerosync.local.edge;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The routes template.yaml puts behind the user-pool authorizer (method and path template, e.g.
 * PATCH /shops/{id}): the local cloud guards exactly these, so the template stays the one place that
 * says which routes need a signed-in caller.
 */
public final class ProtectedRoutes {
    /** One route; {@code {name}} in the path matches one non-empty segment, as API Gateway's does. */
    public record Route(String method, String path) {
        Pattern pattern() {
            StringBuilder regex = new StringBuilder();
            for (String segment : path.split("/", -1)) {
                if (!regex.isEmpty() || !segment.isEmpty()) {
                    regex.append('/');
                }
                regex.append(segment.matches("\\{[^}]+}") ? "[^/]+" : Pattern.quote(segment));
            }
            return Pattern.compile(regex.toString());
        }
    }

    private final List<Route> routes;
    private final List<Pattern> patterns;

    public ProtectedRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.patterns = this.routes.stream().map(Route::pattern).toList();
    }

    public boolean covers(String method, String rawPath) {
        for (int i = 0; i < routes.size(); i++) {
            String m = routes.get(i).method().toUpperCase(Locale.ROOT);
            if ((m.equals("ANY") || m.equals(method.toUpperCase(Locale.ROOT))) && patterns.get(i).matcher(rawPath).matches()) {
                return true;
            }
        }
        return false;
    }

    public List<Route> routes() {
        return routes;
    }
}
