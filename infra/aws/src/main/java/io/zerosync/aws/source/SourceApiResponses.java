package io.zerosync.aws.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.kernel.entity.Entity;
import io.zerosync.kernel.port.EntityDecoder;
import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.SourceReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a source API's JSON answers into entities, through the view's {@link EntityDecoder} (validated again: trust, but verify). An
 * answer that is not the documented shape (an empty or truncated 2xx body, a field of the wrong type, an
 * entity that does not validate) is a {@link MalformedAnswerException}, never an empty result: an empty
 * batch would read as "nothing to sync" and lose the change.
 */
final class SourceApiResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceApiResponses() {
    }

    /** The answer is readable JSON but not the shape the contract documents. */
    static final class MalformedAnswerException extends java.io.IOException {
        MalformedAnswerException(String message) {
            super(message);
        }

        MalformedAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static <E extends Entity> SourceReader.Batch<E> batch(byte[] body, EntityDecoder<E> decoder) throws java.io.IOException {
        JsonNode root = object(body);
        List<E> entities = entities(root, decoder);
        JsonNode missingIds = root.get("missing");
        if (missingIds == null || !missingIds.isArray()) {
            throw new MalformedAnswerException("batch-get answer has no \"missing\" array");
        }
        List<String> missing = new ArrayList<>();
        for (JsonNode id : missingIds) {
            if (!id.isTextual()) {
                throw new MalformedAnswerException("batch-get \"missing\" holds a non-string");
            }
            missing.add(id.asText());
        }
        Map<String, Long> tombstones = new LinkedHashMap<>();
        JsonNode versions = root.get("tombstones"); // beyond the minimal contract: optional
        if (versions != null && !versions.isNull()) {
            if (!versions.isObject()) {
                throw new MalformedAnswerException("batch-get \"tombstones\" is not an object");
            }
            var it = versions.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!e.getValue().canConvertToLong() || !e.getValue().isIntegralNumber()) {
                    throw new MalformedAnswerException("batch-get tombstone version for " + e.getKey() + " is not an integer");
                }
                tombstones.put(e.getKey(), e.getValue().asLong());
            }
        }
        return new SourceReader.Batch<>(entities, missing, tombstones, ids(root, "unprocessed"));
    }

    /** An optional array of IDs (absent or null: none); anything else is not the contract. */
    private static List<String> ids(JsonNode root, String field) throws MalformedAnswerException {
        JsonNode array = root.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new MalformedAnswerException("batch-get \"" + field + "\" is not an array");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : array) {
            if (!id.isTextual()) {
                throw new MalformedAnswerException("batch-get \"" + field + "\" holds a non-string");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    static <E extends Entity> ExportPage<E> page(byte[] body, EntityDecoder<E> decoder) throws java.io.IOException {
        JsonNode root = object(body);
        List<E> entities = entities(root, decoder);
        if (!root.has("nextCursor")) {
            throw new MalformedAnswerException("export answer has no \"nextCursor\" (null on the last page)");
        }
        JsonNode next = root.get("nextCursor");
        if (!next.isNull() && !next.isTextual()) {
            throw new MalformedAnswerException("export \"nextCursor\" is neither a string nor null");
        }
        return new ExportPage<>(entities, next.isNull() ? null : next.asText());
    }

    private static JsonNode object(byte[] body) throws java.io.IOException {
        JsonNode root = body == null || body.length == 0 ? null : JSON.readTree(body);
        if (root == null || !root.isObject()) {
            throw new MalformedAnswerException("the answer is not a JSON object"
                    + (body == null || body.length == 0 ? " (empty body)" : ""));
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Entity> List<E> entities(JsonNode root, EntityDecoder<E> decoder)
            throws java.io.IOException {
        String field = decoder.itemsField();
        JsonNode array = root.get(field);
        if (array == null || !array.isArray()) {
            throw new MalformedAnswerException("the answer has no \"" + field + "\" array");
        }
        List<E> entities = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isObject()) {
                throw new MalformedAnswerException("an item of \"" + field + "\" is not an object");
            }
            try {
                Map<String, Object> fields = JSON.convertValue(item, LinkedHashMap.class);
                entities.add(decoder.decode(fields));
            } catch (RuntimeException e) {
                throw new MalformedAnswerException("an item of \"" + field + "\" does not validate: " + e.getMessage(), e);
            }
        }
        return entities;
    }
}
