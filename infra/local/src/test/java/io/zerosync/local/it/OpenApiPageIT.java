package io.zerosync.local.it;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.zerosync.local.LocalCloud;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API description and its page on the local cloud, over real HTTP and without credentials (neither
 * the edge's writer check nor the admin credential filter covers them): the YAML the unit test validates,
 * and a Swagger UI page whose every script, style sheet and icon is served by the cloud itself from the
 * swagger-ui webjar on its classpath, none from a CDN.
 */
class OpenApiPageIT {
    private static final Pattern LINKED = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private final LocalCloud cloud = TestClouds.quiet();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheDocument_asYaml_toAnyone() throws Exception {
        HttpResponse<byte[]> doc = get("/openapi/openapi.yaml");
        assertEquals(200, doc.statusCode());
        assertTrue(contentType(doc).startsWith("application/yaml"), contentType(doc));
        assertArrayEquals(classpath("public/openapi/openapi.yaml"), doc.body(), "the served document is the checked one");
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(new String(doc.body(), StandardCharsets.UTF_8));
        assertEquals(List.of(), parsed.getMessages());
        assertNotNull(parsed.getOpenAPI().getPaths().get("/shops/{id}"));
    }

    @Test
    void servesThePage_withEveryAssetFromTheWebjarOnTheClasspath() throws Exception {
        for (String page : List.of("/openapi/index.html", "/openapi/")) {
            HttpResponse<byte[]> index = get(page);
            assertEquals(200, index.statusCode(), page);
            assertTrue(contentType(index).startsWith("text/html"), page + ": " + contentType(index));
        }
        String html = new String(get("/openapi/index.html").body(), StandardCharsets.UTF_8);
        String webjar = "/webjars/swagger-ui/" + swaggerUiVersion() + "/";
        assertTrue(html.contains("src=\"" + webjar + "swagger-ui-bundle.js\""), "the page loads the webjar's version " + webjar);

        List<String> assets = new ArrayList<>();
        Matcher m = LINKED.matcher(html);
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertTrue(assets.size() >= 4, "scripts and styles found: " + assets);
        for (String asset : assets) {
            assertTrue(asset.startsWith("/"), asset + " is served by the local cloud itself, not a CDN");
            HttpResponse<byte[]> reply = get(asset);
            assertEquals(200, reply.statusCode(), asset);
            assertTrue(reply.body().length > 0, asset);
            String type = contentType(reply);
            if (asset.endsWith(".js")) {
                assertTrue(type.matches("(application|text)/javascript.*"), asset + ": " + type);
            } else if (asset.endsWith(".css")) {
                assertTrue(type.startsWith("text/css"), asset + ": " + type);
            } else if (asset.endsWith(".png")) {
                assertTrue(type.startsWith("image/png"), asset + ": " + type);
            }
        }
        String init = new String(get("/openapi/swagger-init.js").body(), StandardCharsets.UTF_8);
        assertTrue(init.contains("'/openapi/openapi.yaml'"), "the page opens this cloud's description");
    }

    @Test
    void answersAMissingAsset_with404_notTheApi() throws Exception {
        HttpResponse<byte[]> missing = get("/openapi/nothing-here.yaml");
        assertEquals(404, missing.statusCode());
        assertFalse(new String(missing.body(), StandardCharsets.UTF_8).contains("openapi: 3"));
    }

    /** The static mappings expose their own folder only: no other classpath file, and never a 5xx. */
    @Test
    void neverServesAFileOutsideItsFolder() throws Exception {
        for (String path : List.of("/openapi/%2e%2e/%2e%2e/logback.xml", "/openapi/..%2f..%2flogback.xml",
                "/webjars/%2e%2e/%2e%2e/%2e%2e/logback.xml", "/webjars/..%5c..%5c..%5clogback.xml",
                "/openapi/%2e%2e/console/index.html", "/webjars/swagger-ui/%2e%2e/%2e%2e/maven/org.webjars/swagger-ui/pom.properties")) {
            HttpResponse<byte[]> reply = get(path);
            String body = new String(reply.body(), StandardCharsets.UTF_8);
            assertTrue(reply.statusCode() >= 400 && reply.statusCode() < 500, path + ": " + reply.statusCode() + " " + body);
            assertFalse(body.contains("<configuration") || body.contains("version="), path + " leaked a file: " + body);
        }
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        URI uri = cloud.httpEndpoint().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String contentType(HttpResponse<?> reply) {
        return reply.headers().firstValue("Content-Type").orElse("");
    }

    private static byte[] classpath(String resource) throws IOException {
        try (InputStream in = OpenApiPageIT.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return in.readAllBytes();
        }
    }

    /** The version of the swagger-ui webjar the local cloud has, from the jar's own Maven metadata. */
    static String swaggerUiVersion() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = OpenApiPageIT.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            assertNotNull(in, "the swagger-ui webjar on the classpath");
            pom.load(in);
        }
        return pom.getProperty("version");
    }
}
