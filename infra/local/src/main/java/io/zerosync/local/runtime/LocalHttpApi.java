package io.zerosync.local.runtime;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;

/**
 * The HTTP API on one port: the same Micronaut controllers the API functions run behind API Gateway,
 * served by Micronaut's Netty server with the API functions' environment.
 */
public final class LocalHttpApi implements AutoCloseable {
    private final ApplicationContext context;
    private final EmbeddedServer server;

    private LocalHttpApi(ApplicationContext context) {
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class);
    }

    public static LocalHttpApi start(FunctionEnvironment environment, int port) {
        return start(environment, port, new Object[0]);
    }

    /** With local-cloud-only beans (e.g. the fault switchboard that {@code /local/faults} serves). */
    public static LocalHttpApi start(FunctionEnvironment environment, int port, Object... localBeans) {
        ApplicationContext context = Micronaut.build(new String[0])
                .singletons(localBeans)
                .banner(false)
                .propertySources(environment.propertySource())
                .properties(java.util.Map.of("micronaut.server.port", port,
                        // The controllers block (DynamoDB, SNS): off the few event-loop threads, so that
                        // concurrent requests run concurrently, as concurrent Lambda instances would.
                        "micronaut.server.thread-selection", "AUTO",
                        // Pages only the local cloud serves: the ops console, the API description and
                        // the registry packages (webjars) they load, never a CDN.
                        "micronaut.router.static-resources.console.paths", "classpath:public/console",
                        "micronaut.router.static-resources.console.mapping", "/console/**",
                        "micronaut.router.static-resources.openapi.paths", "classpath:public/openapi",
                        "micronaut.router.static-resources.openapi.mapping", "/openapi/**",
                        "micronaut.router.static-resources.webjars.paths", "classpath:META-INF/resources/webjars",
                        "micronaut.router.static-resources.webjars.mapping", "/webjars/**"))
                .environments("local", "http")
                .start();
        return new LocalHttpApi(context);
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + server.getPort());
    }

    public int port() {
        return server.getPort();
    }

    public ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
