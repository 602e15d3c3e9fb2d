package io.zerosync.local.it;

import io.zerosync.aws.source.RequestAuth;
import io.zerosync.local.LocalCloud;
import io.zerosync.ops.ConsoleServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ops console's routes over real HTTP: on the local cloud (pages open, /admin still guarded, / leads
 * to the console with the token) and through {@code zs console}'s forwarder, which signs /admin/* itself.
 */
class ConsoleIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static LocalCloud cloud;
    private static ConsoleServer forwarder;

    @BeforeAll
    static void start() throws Exception {
        cloud = TestClouds.live();
        forwarder = ConsoleServer.start(cloud.httpEndpoint(), RequestAuth.bearer(TestClouds.TOKEN), 0);
    }

    @AfterAll
    static void stop() {
        forwarder.close();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLocalCloudServesThePagesWithoutATokenAndKeepsAdminGuarded() throws Exception {
        HttpResponse<String> root = get(cloud.httpEndpoint().resolve("/?token=a%20b%26c"));
        assertEquals(303, root.statusCode());
        assertEquals("/console/?token=a+b%26c", root.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> page = get(cloud.httpEndpoint().resolve("/console/"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"console.js\">"), page.body());
        assertEquals(200, get(cloud.httpEndpoint().resolve("/console/console.js")).statusCode());
        assertEquals(200, get(cloud.httpEndpoint().resolve("/console/console.css")).statusCode());

        HttpResponse<String> admin = get(cloud.httpEndpoint().resolve("/admin/views"));
        assertEquals(401, admin.statusCode());
        assertTrue(admin.body().contains("\"error\":\"unauthorized\""), admin.body());
    }

    @Test
    void theForwarderServesTheSamePagesAndSignsAdminCallsItself() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + forwarder.port());
        String session = forwarder.link().getQuery().replace("token=", "");
        HttpResponse<String> page = get(base.resolve("/console/"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Zerosync ops console"));
        assertEquals(404, get(base.resolve("/console/..%2F..%2Fpom.xml")).statusCode());

        Api viaConsole = new Api(base, session);
        Api.Reply views = viaConsole.get("/admin/views");
        assertEquals(200, views.status(), views.raw().body());
        assertTrue(views.raw().body().contains("\"view\":\"shop-list\"") && views.raw().body().contains("\"view\":\"shop-detail\""));

        Api.Reply estimate = viaConsole.post("/admin/reimports", Map.of("view", "shop-list", "scope", Map.of("type", "full"), "dryRun", true));
        assertEquals(200, estimate.status(), estimate.raw().body());
        assertTrue(estimate.body().path("estimate").has("shops"), estimate.raw().body());

        // The API's refusals come back as they are: status and JSON error shape.
        Api.Reply refused = viaConsole.post("/admin/reimports", Map.of("view", "shop-list", "scope", Map.of("type", "nope")));
        assertEquals(400, refused.status());
        assertTrue(refused.body().has("error") && refused.body().has("message"), refused.raw().body());
        Api.Reply unknown = viaConsole.get("/admin/reimports/job_does_not_exist");
        assertEquals(404, unknown.status(), unknown.raw().body());

        // Without this run's session token nothing is forwarded, not even with the stack's own token.
        Api.Reply stranger = new Api(base, TestClouds.TOKEN).get("/admin/views");
        assertEquals(401, stranger.status());
        assertEquals("unauthorized", stranger.text("error"));
    }
}
