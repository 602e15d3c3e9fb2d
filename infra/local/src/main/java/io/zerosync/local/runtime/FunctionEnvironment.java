package io.zerosync.local.runtime;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.PropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a function sees of its environment when the local cloud runs it: the variables template.yaml
 * gives it (resolved against the local resources), plus the local-only overrides. They are handed to
 * Micronaut with the environment-variable naming convention, exactly as Lambda's environment would be,
 * but per function, so two functions in one JVM do not share settings.
 */
public record FunctionEnvironment(String functionName, Map<String, String> variables) {

    public FunctionEnvironment {
        variables = Map.copyOf(variables);
    }

    public FunctionEnvironment with(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(variables);
        merged.putAll(more);
        return new FunctionEnvironment(functionName, merged);
    }

    public PropertySource propertySource() {
        return PropertySource.of("lambda-env:" + functionName, new LinkedHashMap<>(variables),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
    }

    /** A started application context for a handler's {@code (ApplicationContext)} constructor. */
    public ApplicationContext startContext() {
        ApplicationContextBuilder builder = ApplicationContext.builder()
                .propertySources(propertySource())
                .environments("local", "function");
        return builder.start();
    }
}
