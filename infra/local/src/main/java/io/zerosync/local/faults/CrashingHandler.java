package io.zerosync.local.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.List;

/**
 * A function that crashes mid-batch at the {@code sync-crash} rate: the handler first processes a
 * random prefix of the batch (none, part or all of it), then the invocation dies before its batch
 * response is returned. Lambda treats that as a function error, so the whole batch comes back after the
 * visibility timeout, work already done included: exactly what idempotent, version-gated sync must absorb.
 */
public final class CrashingHandler implements RequestHandler<SQSEvent, Object> {
    private final RequestHandler<SQSEvent, ?> handler;
    private final Faults faults;

    private CrashingHandler(RequestHandler<SQSEvent, ?> handler, Faults faults) {
        this.handler = handler;
        this.faults = faults;
    }

    public static RequestHandler<SQSEvent, Object> around(RequestHandler<SQSEvent, ?> handler, Faults faults) {
        return new CrashingHandler(handler, faults);
    }

    @Override
    public Object handleRequest(SQSEvent event, Context context) {
        if (!faults.roll(FaultKind.SYNC_CRASH)) {
            return handler.handleRequest(event, context);
        }
        List<SQSEvent.SQSMessage> records = event.getRecords();
        int done = (int) Math.round(faults.nextDouble() * records.size());
        if (done > 0) {
            SQSEvent prefix = new SQSEvent();
            prefix.setRecords(List.copyOf(records.subList(0, done)));
            handler.handleRequest(prefix, context);
        }
        throw new InjectedCrash("Runtime exited with error: injected crash after " + done + " of "
                + records.size() + " record(s)");
    }

    /** What the local Lambda runtime reports for the injected crash. */
    public static final class InjectedCrash extends RuntimeException {
        InjectedCrash(String message) {
            super(message);
        }
    }
}
