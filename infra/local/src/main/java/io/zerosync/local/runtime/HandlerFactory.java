package io.zerosync.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.micronaut.context.ApplicationContext;

import java.lang.reflect.Constructor;

/**
 * Instantiates the handler class template.yaml names, as Lambda would, but through its
 * {@code (ApplicationContext)} constructor so the local cloud decides its configuration.
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
            try {
                Constructor<?> withContext = type.getConstructor(ApplicationContext.class);
                return (RequestHandler<I, O>) withContext.newInstance(environment.startContext());
            } catch (NoSuchMethodException plain) {
                return (RequestHandler<I, O>) type.getConstructor().newInstance();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + handlerClass + " of " + environment.functionName(), e);
        }
    }
}
