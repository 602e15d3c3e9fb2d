package io.zerosync.local.esm;

import io.zerosync.local.emulators.ElasticMqServer;
import io.zerosync.local.faults.CrashingHandler;
import io.zerosync.local.faults.FaultRates;
import io.zerosync.local.faults.Faults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.List;

import static io.zerosync.local.testing.Eventually.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The injected sync crash on a real mapping over ElasticMQ: the whole batch comes back, as after a Lambda crash. */
class CrashingHandlerTest {
    private static ElasticMqServer elasticMq;
    private static SqsClient sqs;
    private static TestQueues queues;

    @BeforeAll
    static void startElasticMq() {
        elasticMq = ElasticMqServer.start(0);
        sqs = TestQueues.client(elasticMq.endpoint());
        queues = new TestQueues(sqs);
    }

    @AfterAll
    static void stopElasticMq() {
        sqs.close();
        elasticMq.close();
    }

    @Test
    void redeliversTheWholeBatch_whenTheInvocationCrashesAfterDoingItsWork() {
        TestQueues.Queue queue = queues.create("crash", 1);
        queues.send(queue, "a");
        RecordingHandler handler = new RecordingHandler();
        Faults faults = new Faults(false, 1);
        faults.set(FaultRates.parse("sync-crash=1"));
        EventSourceMapping mapping = EventSourceMapping.start(EventSourceMappingSpec.builder("crash-fn", queue.url(),
                        queue.arn()).batchSize(10).maximumConcurrency(1).reportBatchItemFailures(true)
                .functionTimeout(Duration.ofSeconds(1)).build(), CrashingHandler.around(handler, faults), sqs);
        try {
            awaitUntil("an invocation crashed", () -> mapping.stats().invocationErrors() >= 1);
            faults.set(FaultRates.none());
            awaitUntil("the message came back and was deleted",
                    () -> queues.messagesLeft(queue) == 0 && mapping.stats().deleted() == 1);
            assertTrue(mapping.stats().lastError().contains("injected crash"), mapping.stats().lastError());
            List<String> receives = handler.deliveriesOf("a").stream()
                    .map(r -> r.getAttributes().get("ApproximateReceiveCount")).toList();
            // Whether or not the crash let the handler process it first, the message was delivered again after.
            assertTrue(Integer.parseInt(receives.get(receives.size() - 1)) >= 2, receives.toString());
            assertEquals(faults.injected().get("sync-crash"), mapping.stats().invocationErrors());
        } finally {
            mapping.close();
        }
    }
}
