package io.zerosync.local.esm;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchResponseReaderTest {
    private static final Set<String> BATCH = Set.of("id-1", "id-2", "id-3");

    private final BatchResponseReader reader = new BatchResponseReader();

    private static SQSBatchResponse failures(String... ids) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Arrays.stream(ids).forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
        return new SQSBatchResponse(failures);
    }

    @Test
    void treatsTheBatchAsSucceeded_whenTheResponseIsNullOrHasNoFailures() {
        assertEquals(BatchOutcome.allSucceeded(), reader.read(null, BATCH));
        assertEquals(BatchOutcome.allSucceeded(), reader.read(new SQSBatchResponse(), BATCH));
        assertEquals(BatchOutcome.allSucceeded(), reader.read(failures(), BATCH));
        assertEquals(BatchOutcome.allSucceeded(), reader.read(Map.of(), BATCH));
        Map<String, Object> nullList = new HashMap<>();
        nullList.put("batchItemFailures", null);
        assertEquals(BatchOutcome.allSucceeded(), reader.read(nullList, BATCH));
    }

    @Test
    void keepsOnlyTheListedMessages_whenTheResponseNamesBatchMessages() {
        BatchOutcome outcome = reader.read(failures("id-2", "id-2"), BATCH);

        assertFalse(outcome.wholeBatchFailed());
        assertEquals(Set.of("id-2"), outcome.failedMessageIds());
        assertTrue(outcome.shouldDelete("id-1"));
        assertFalse(outcome.shouldDelete("id-2"));
    }

    @Test
    void failsTheWholeBatch_whenAnItemIdentifierIsNullBlankOrUnknown() {
        assertTrue(reader.read(failures("id-1", null), BATCH).wholeBatchFailed());
        assertTrue(reader.read(failures(""), BATCH).wholeBatchFailed());
        assertTrue(reader.read(failures("  "), BATCH).wholeBatchFailed());
        BatchOutcome unknown = reader.read(failures("id-1", "not-in-batch"), BATCH);
        assertTrue(unknown.wholeBatchFailed());
        assertFalse(unknown.shouldDelete("id-2"));
    }

    @Test
    void readsTheJsonShape_whenTheHandlerReturnsAMap() {
        Object response = Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "id-3")));

        assertEquals(Set.of("id-3"), reader.read(response, BATCH).failedMessageIds());
    }

    @Test
    void failsTheWholeBatch_whenTheResponseHasTheWrongShape() {
        assertTrue(reader.read(Map.of("batchItemFailures", List.of(Map.of("messageId", "id-1"))), BATCH).wholeBatchFailed(),
                "bad key name");
        assertTrue(reader.read(Map.of("batchItemFailures", List.of("id-1")), BATCH).wholeBatchFailed(), "bare IDs");
        assertTrue(reader.read(Map.of("batchItemFailures", "id-1"), BATCH).wholeBatchFailed(), "not an array");
        assertTrue(reader.read("id-1", BATCH).wholeBatchFailed(), "not an object");
    }
}
