package io.zerosync.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.micronaut.context.ApplicationContext;

import java.lang.reflect.Constructor;
import java.util.Map;

/**
 * Instantiates the handler class template.yaml names, as Lambda would, but with this function's environment
 * instead of the process's: through its {@code (Map<String, String>)} constructor (plain handlers, which read
 * their environment variables themselves), else its {@code (ApplicationContext)} one (Micronaut handlers),
 * else the no-arg one.
 */
public final class HandlerFactory {
    private HandlerFactory() {
    }

    @SuppressWarnings("unchecked")
    public static <I, O> RequestHandler<I, O> create(String handlerClass, FunctionEnvironment environment) {
        String className = handlerClass.contains("::") ? handlerClass.substring(0, handlerClass.indexOf("::")) : handlerClass;
        try {
            Class<?> type = Class.forName(className);
            if (!RequestHandler.class.isAssignableFrom(type)) {
                throw new IllegalStateException(className + " does not implement RequestHandler");
            }
            Constructor<?> constructor = constructor(type, Map.class);
            if (constructor != null) {
                return (RequestHandler<I, O>) constructor.newInstance(environment.variables());
            }
            constructor = constructor(type, ApplicationContext.class);
            if (constructor != null) {
                return (RequestHandler<I, O>) constructor.newInstance(environment.startContext());
            }
            return (RequestHandler<I, O>) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + handlerClass + " of " + environment.functionName(), e);
        }
    }

    private static Constructor<?> constructor(Class<?> type, Class<?> parameter) {
        try {
            return type.getConstructor(parameter);
        } catch (NoSuchMethodException absent) {
            return null;
        }
    }
}
