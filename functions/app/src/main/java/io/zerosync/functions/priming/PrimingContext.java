package io.zerosync.functions.priming;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The invocation context of a priming call: there is no invocation, so it names none. */
final class PrimingContext implements Context {
    static final PrimingContext INSTANCE = new PrimingContext();

    @Override
    public String getAwsRequestId() {
        return "zerosync-priming";
    }

    @Override
    public String getLogGroupName() {
        return null;
    }

    @Override
    public String getLogStreamName() {
        return null;
    }

    @Override
    public String getFunctionName() {
        return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "priming");
    }

    @Override
    public String getFunctionVersion() {
        return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    }

    @Override
    public String getInvokedFunctionArn() {
        return null;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message, java.nio.charset.StandardCharsets.UTF_8));
            }
        };
    }
}
