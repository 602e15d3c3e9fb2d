package io.zerosync.local.esm;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What {@code context.getLogger()} writes to locally. On Lambda each call becomes one CloudWatch log
 * event in the function's stream; here every line is prefixed with the function and request, because
 * all functions share one console.
 */
public final class StdoutLambdaLogger implements LambdaLogger {
    private final String prefix;
    private final PrintStream out;

    public StdoutLambdaLogger(String functionName, String requestId) {
        this(functionName, requestId, System.out);
    }

    public StdoutLambdaLogger(String functionName, String requestId, PrintStream out) {
        this.prefix = "[" + functionName + " " + requestId + "] ";
        this.out = out;
    }

    @Override
    public void log(String message) {
        String text = String.valueOf(message);
        // Lambda's logger does not need a trailing newline; do not print an empty line for one either.
        out.println(prefix + (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text));
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
