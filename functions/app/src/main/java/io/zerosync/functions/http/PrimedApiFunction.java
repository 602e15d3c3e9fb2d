package io.zerosync.functions.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.zerosync.functions.config.LambdaContexts;
import io.zerosync.functions.priming.ApiPriming;
import io.zerosync.functions.priming.Priming;

/**
 * What every API function shares: API Gateway proxy events into the Micronaut controllers, on a context that
 * builds a bean only when a request first needs it (one jar holds every function's beans), and SnapStart hooks
 * that send the function's priming requests before the snapshot.
 */
public abstract class PrimedApiFunction extends ApiGatewayProxyRequestEventFunction {
    /** SnapStart hooks (see {@link ApiPriming}); tests call them. */
    private final ApiPriming snapStart;

    protected PrimedApiFunction() {
        super();
        this.snapStart = Priming.register(priming());
    }

    protected PrimedApiFunction(ApplicationContext context) {
        super(context);
        this.snapStart = Priming.register(priming());
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.lazy();
    }

    /** This function's SnapStart hooks: the requests it primes with, and how they were answered. */
    public ApiPriming snapStart() {
        return snapStart;
    }

    /**
     * The requests this function primes with and the clients it warms. Called from the constructor, before a
     * subclass's own fields are set: build it from constants and from the context, looked up lazily.
     */
    protected abstract ApiPriming priming();
}
