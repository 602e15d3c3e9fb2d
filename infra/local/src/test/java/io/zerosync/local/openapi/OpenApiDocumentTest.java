package io.zerosync.local.openapi;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.zerosync.functions.http.HealthController;
import io.zerosync.local.LocalCloudOptions;
import io.zerosync.local.edge.TokenController;
import io.zerosync.local.provision.CfnYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API description the local cloud serves ({@code public/openapi/openapi.yaml}) is valid OpenAPI 3 by
 * swagger-parser (a validator this project did not write) and documents exactly the routes that exist:
 * every API event of template.yaml (with the template's auth), every route a Micronaut controller declares,
 * and nothing else but the local cloud's own routes listed in {@link #LOCAL_ONLY}.
 */
class OpenApiDocumentTest {
    static final String RESOURCE = "public/openapi/openapi.yaml";
    /** Routes the local cloud serves that template.yaml does not route on AWS. */
    static final Set<String> LOCAL_ONLY = Set.of("GET /", "GET /health", "POST /local/token", "GET /local/faults", "PUT /local/faults");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    private static OpenAPI doc;

    @BeforeAll
    static void parse() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true); // $refs inlined, so the assertions below see every response's schema
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(resource(), null, options);
        assertEquals(List.of(), result.getMessages(), "swagger-parser's validation messages");
        doc = result.getOpenAPI();
        assertNotNull(doc);
        assertEquals("3.0.3", doc.getOpenapi());
    }

    @Test
    void documentsEveryApiEventOfTheTemplate_withTheTemplatesAuth() {
        Map<String, String> templateRoutes = templateRoutes();
        assertTrue(templateRoutes.size() >= 20, "template.yaml's API events were found: " + templateRoutes.keySet());
        Map<String, Operation> documented = documented();
        for (Map.Entry<String, String> route : templateRoutes.entrySet()) {
            Operation op = documented.get(route.getKey());
            assertNotNull(op, route.getKey() + " is an API event in template.yaml but not in " + RESOURCE);
            assertEquals(expectedSchemes(route.getValue()), schemes(op),
                    route.getKey() + ": security in the document vs auth " + route.getValue() + " in the template");
        }
        Set<String> extra = new TreeSet<>(documented.keySet());
        extra.removeAll(templateRoutes.keySet());
        assertEquals(new TreeSet<>(LOCAL_ONLY), extra, "documented routes the template does not route (local-only list)");
        for (String local : LOCAL_ONLY) {
            assertEquals(List.of("local cloud"), documented.get(local).getTags(), local + " is tagged as local-only");
        }
    }

    @Test
    void documentsExactlyTheRoutesTheControllersDeclare() throws Exception {
        Set<String> declared = controllerRoutes();
        assertTrue(declared.contains("PATCH /shops/{id}") && declared.contains("GET /admin/reconciles/{jobId}/drift")
                && declared.contains("PUT /local/faults"), "the controllers were found: " + declared);
        Set<String> documented = documented().keySet();
        Set<String> undocumented = new TreeSet<>(declared);
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "routes a controller serves that " + RESOURCE + " lacks");
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(declared);
        assertEquals(Set.of(), unserved, "routes in " + RESOURCE + " that no controller serves");
    }

    @Test
    void declaresEveryPathVariable_andAnswersErrorsInTheOneShape() {
        doc.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            Set<String> inPath = new TreeSet<>();
            Matcher m = PATH_VARIABLE.matcher(path);
            while (m.find()) {
                inPath.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            Stream.concat(stream(item.getParameters()), stream(op.getParameters()))
                    .filter(p -> "path".equals(p.getIn())).forEach(p -> declared.add(p.getName()));
            assertEquals(inPath, declared, method + " " + path + ": path parameters");
            op.getResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    var json = response.getContent() == null ? null : response.getContent().get("application/json");
                    assertNotNull(json, method + " " + path + " " + status + " answers JSON");
                    assertEquals(List.of("error", "message"), json.getSchema().getRequired(),
                            method + " " + path + " " + status + " answers the error shape");
                }
            });
        }));
    }

    /** "METHOD /path" to the event's Auth.Authorizer, else its API's DefaultAuthorizer, else "NONE". */
    static Map<String, String> templateRoutes() {
        Path template = LocalCloudOptions.findTemplate(Path.of("").toAbsolutePath());
        Map<String, Object> resources = map(CfnYaml.read(template).get("Resources"));
        Map<String, String> routes = new TreeMap<>();
        resources.forEach((name, raw) -> {
            Map<String, Object> resource = map(raw);
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> events = map(map(resource.get("Properties")).get("Events"));
            events.values().stream().map(OpenApiDocumentTest::map).filter(e -> "Api".equals(e.get("Type"))).forEach(event -> {
                Map<String, Object> props = map(event.get("Properties"));
                Object authorizer = map(props.get("Auth")).get("Authorizer");
                if (authorizer == null) {
                    // An event without its own authorizer gets its API's default, if the API has one.
                    Object api = map(props.get("RestApiId")).get("Ref");
                    authorizer = map(map(map(resources.get(String.valueOf(api))).get("Properties")).get("Auth")).get("DefaultAuthorizer");
                }
                String key = props.get("Method").toString().toUpperCase(Locale.ROOT) + " " + props.get("Path");
                routes.put(key, authorizer == null ? "NONE" : authorizer.toString());
            });
        });
        return routes;
    }

    /** The schemes a template authorizer becomes in the document; AWS_IAM routes take the local admin token too. */
    private static Set<String> expectedSchemes(String authorizer) {
        return switch (authorizer) {
            case "NONE" -> Set.of();
            case "ZerosyncUserPoolAuthorizer" -> Set.of("writerToken");
            case "AWS_IAM" -> Set.of("sigv4", "adminToken");
            default -> throw new AssertionError("an authorizer this test does not know: " + authorizer);
        };
    }

    /** The alternatives an operation accepts (its own security, else the document's). */
    private static Set<String> schemes(Operation op) {
        List<SecurityRequirement> security = op.getSecurity() != null ? op.getSecurity() : doc.getSecurity();
        Set<String> names = new TreeSet<>();
        if (security != null) {
            security.forEach(requirement -> names.addAll(requirement.keySet()));
        }
        return names;
    }

    private static Map<String, Operation> documented() {
        Map<String, Operation> routes = new TreeMap<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> routes.put(method.name() + " " + path, op)));
        return routes;
    }

    /**
     * Every route declared by a {@code @Controller} class on the classpath roots that hold the API's
     * controllers (functions/app) and the local cloud's own (infra/local): scanning the roots, not a
     * list of classes, so a new controller is seen too.
     */
    static Set<String> controllerRoutes() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> classNames = new TreeSet<>();
        for (Class<?> anchor : List.of(HealthController.class, TokenController.class)) {
            classNames.addAll(classesUnder(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI())));
        }
        Set<String> routes = new TreeSet<>();
        ClassLoader loader = OpenApiDocumentTest.class.getClassLoader();
        for (String name : classNames) {
            Class<?> type = Class.forName(name, false, loader);
            Controller controller = type.getAnnotation(Controller.class);
            if (controller == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                for (Annotation mapping : method.getDeclaredAnnotations()) {
                    String verb = verb(mapping);
                    if (verb != null) {
                        for (String uri : uris(mapping)) {
                            routes.add(verb + " " + join(controller.value(), uri));
                        }
                    }
                }
            }
        }
        return routes;
    }

    private static List<String> classesUnder(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.map(f -> root.relativize(f).toString().replace('\\', '/')).filter(OpenApiDocumentTest::isTopLevelClass)
                        .forEach(f -> names.add(className(f)));
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                jar.stream().map(e -> e.getName()).filter(OpenApiDocumentTest::isTopLevelClass).forEach(f -> names.add(className(f)));
            }
        }
        return names;
    }

    private static boolean isTopLevelClass(String file) {
        return file.startsWith("io/zerosync/") && file.endsWith(".class") && !file.contains("$");
    }

    private static String className(String file) {
        return file.substring(0, file.length() - ".class".length()).replace('/', '.');
    }

    private static String verb(Annotation mapping) {
        return mapping instanceof Get ? "GET" : mapping instanceof Post ? "POST" : mapping instanceof Put ? "PUT"
                : mapping instanceof Patch ? "PATCH" : mapping instanceof Delete ? "DELETE" : null;
    }

    /** value and uri are aliases (default "/"); uris adds more. */
    private static List<String> uris(Annotation mapping) {
        String value;
        String uri;
        String[] more;
        if (mapping instanceof Get a) {
            value = a.value(); uri = a.uri(); more = a.uris();
        } else if (mapping instanceof Post a) {
            value = a.value(); uri = a.uri(); more = a.uris();
        } else if (mapping instanceof Put a) {
            value = a.value(); uri = a.uri(); more = a.uris();
        } else if (mapping instanceof Patch a) {
            value = a.value(); uri = a.uri(); more = a.uris();
        } else {
            Delete a = (Delete) mapping;
            value = a.value(); uri = a.uri(); more = a.uris();
        }
        List<String> all = new ArrayList<>();
        all.add(!"/".equals(value) ? value : uri);
        for (String extra : more) {
            if (!all.contains(extra) && !"/".equals(extra)) {
                all.add(extra);
            }
        }
        return all;
    }

    private static String join(String base, String uri) {
        String path = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + (uri.isEmpty() || uri.equals("/") ? "" : uri.startsWith("/") ? uri : "/" + uri);
        return path.isEmpty() ? "/" : path;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Stream<Parameter> stream(List<Parameter> parameters) {
        return parameters == null ? Stream.empty() : parameters.stream();
    }

    static String resource() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " on the classpath");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(text.isBlank());
            return text;
        }
    }
}
