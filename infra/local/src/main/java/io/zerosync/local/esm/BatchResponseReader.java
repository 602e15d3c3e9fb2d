package io.zerosync.local.esm;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a handler's response the way Lambda reads it when the mapping has ReportBatchItemFailures.
 * Lambda's documented rules ("Implementing partial batch responses"):
 * <ul>
 *   <li>complete success: a null response, an empty response, a null or empty {@code batchItemFailures};</li>
 *   <li>complete failure: an invalid response, an empty or null {@code itemIdentifier}, an entry with a
 *       bad key name, an {@code itemIdentifier} that is not a message ID of the batch.</li>
 * </ul>
 * Handlers other than {@link SQSBatchResponse} (a Map, a POJO) are read through their JSON form, which
 * is what Lambda sees after the runtime serialises them.
 */
public final class BatchResponseReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BatchOutcome read(Object response, Set<String> batchMessageIds) {
        if (response == null) {
            return BatchOutcome.allSucceeded();
        }
        if (response instanceof SQSBatchResponse typed) {
            return readTyped(typed.getBatchItemFailures(), batchMessageIds);
        }
        JsonNode json;
        try {
            json = JSON.valueToTree(response);
        } catch (IllegalArgumentException e) {
            return BatchOutcome.wholeBatchFailed("response cannot be serialised to JSON: " + e.getMessage());
        }
        return readJson(json, batchMessageIds);
    }

    private static BatchOutcome readTyped(List<SQSBatchResponse.BatchItemFailure> failures, Set<String> batchIds) {
        if (failures == null || failures.isEmpty()) {
            return BatchOutcome.allSucceeded();
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : failures) {
            String id = failure == null ? null : failure.getItemIdentifier();
            BatchOutcome invalid = checkIdentifier(id, batchIds);
            if (invalid != null) {
                return invalid;
            }
            failed.add(id);
        }
        return BatchOutcome.someFailed(failed);
    }

    private static BatchOutcome readJson(JsonNode json, Set<String> batchIds) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return BatchOutcome.allSucceeded();
        }
        if (!json.isObject()) {
            return BatchOutcome.wholeBatchFailed("response is not a batch response object: " + json.getNodeType());
        }
        JsonNode failures = json.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return BatchOutcome.allSucceeded();
        }
        if (!failures.isArray()) {
            return BatchOutcome.wholeBatchFailed("batchItemFailures is not an array");
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.isObject() ? failure.get("itemIdentifier") : null;
            String text = id != null && id.isTextual() ? id.asText() : null;
            BatchOutcome invalid = checkIdentifier(text, batchIds);
            if (invalid != null) {
                return invalid;
            }
            failed.add(text);
        }
        return BatchOutcome.someFailed(failed);
    }

    /** Null when the identifier names a message of this batch, otherwise the whole-batch failure Lambda declares. */
    private static BatchOutcome checkIdentifier(String id, Set<String> batchIds) {
        if (id == null || id.isBlank()) {
            return BatchOutcome.wholeBatchFailed("batch item failure without an itemIdentifier");
        }
        if (!batchIds.contains(id)) {
            return BatchOutcome.wholeBatchFailed("itemIdentifier is not a message of this batch: " + id);
        }
        return null;
    }
}
