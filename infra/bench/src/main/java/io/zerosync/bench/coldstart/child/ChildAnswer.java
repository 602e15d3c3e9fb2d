package io.zerosync.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;

/** The one-line answer a child prints after {@code done}, so the parent can tell a real answer from an error. */
final class ChildAnswer {
    private ChildAnswer() {
    }

    static String summary(Object answer) {
        if (answer instanceof APIGatewayProxyResponseEvent http) {
            return "status=" + http.getStatusCode();
        }
        if (answer instanceof SQSBatchResponse batch) {
            return "failures=" + batch.getBatchItemFailures().size();
        }
        return "answer=" + answer;
    }

    /**
     * CPU time this JVM has used so far (all threads, user + system), from /proc: on a shared machine it
     * varies far less than wall time. -1 where /proc is not there.
     */
    static long cpuMillis() {
        try {
            String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/stat")));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of stat (utime, stime), counted after the command name: indexes 11 and 12 here.
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
