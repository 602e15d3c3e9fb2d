package io.zerosync.local.it;

import io.zerosync.local.esm.LocalLambdaContext;
import io.zerosync.local.esm.StdoutLambdaLogger;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** A Lambda context for invoking a handler directly, with 30 s to go. */
final class Contexts {
    private Contexts() {
    }

    static LocalLambdaContext of(String function) {
        Clock clock = Clock.systemUTC();
        return new LocalLambdaContext(UUID.randomUUID().toString(), function,
                "arn:aws:lambda:us-east-1:000000000000:function:" + function, "test", 1024,
                clock.instant().plus(Duration.ofSeconds(30)), clock, new StdoutLambdaLogger(function, "test"));
    }
}
