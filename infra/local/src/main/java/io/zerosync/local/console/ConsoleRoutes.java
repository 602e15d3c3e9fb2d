package io.zerosync.local.console;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The ops console's entry on the local cloud: {@code GET /} goes to {@code /console/} (static files, see
 * LocalHttpApi), carrying a {@code token} query parameter along so the banner's link signs the page in.
 * Local cloud only: against AWS the console runs on the operator's machine ({@code zs console}).
 */
@Controller
@Requires(env = "local")
public class ConsoleRoutes {
    public static final String PATH = "/console/";

    @Get
    public HttpResponse<?> root(@QueryValue @Nullable String token) {
        return HttpResponse.seeOther(URI.create(link(token)));
    }

    /** The console's path, with the token when there is one. */
    public static String link(@Nullable String token) {
        return token == null || token.isBlank() ? PATH
                : PATH + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
