package io.zerosync.kernel.recovery;

import io.zerosync.kernel.entity.EntityIds;
import io.zerosync.kernel.input.InvalidInputException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Which entities a re-import or reconcile covers: all of them, a list of IDs, or an updated-between window. */
public sealed interface ReimportScope {
    int MAX_IDS = 10_000;

    String type();

    Map<String, Object> toJson();

    /** What a stored job keeps of this scope: all of it, except for an ID list (see {@link IdsSample}). */
    default ReimportScope summary() {
        return this;
    }

    /**
     * Every entity. {@code segments} (1 to {@link #MAX_SEGMENTS}) fixes how many scan segments the job runs in
     * parallel; {@code null} lets the service choose by the source's size.
     */
    record Full(Integer segments) implements ReimportScope {
        public static final int MAX_SEGMENTS = 16;

        public Full {
            if (segments != null && (segments < 1 || segments > MAX_SEGMENTS)) {
                throw InvalidInputException.invalid("scope.segments", "must be an integer from 1 to " + MAX_SEGMENTS);
            }
        }

        public Full() {
            this(null);
        }

        public String type() {
            return "full";
        }

        public Map<String, Object> toJson() {
            return segments == null ? Map.of("type", "full") : Map.of("type", "full", "segments", segments);
        }
    }

    record Ids(List<String> ids) implements ReimportScope {
        public Ids {
            ids = List.copyOf(new LinkedHashSet<>(ids));
        }

        public String type() {
            return "ids";
        }

        public Map<String, Object> toJson() {
            return Map.of("type", "ids", "ids", ids);
        }

        @Override
        public ReimportScope summary() {
            return new IdsSample(ids.size(), ids.subList(0, Math.min(ids.size(), IdsSample.SIZE)));
        }
    }

    /**
     * An ID scope as a job keeps it: how many IDs and the first few. The IDs themselves travel in the
     * task messages; 10,000 IDs of 64 characters in the job item would pass DynamoDB's 400 KB item limit.
     */
    record IdsSample(int count, List<String> first) implements ReimportScope {
        public static final int SIZE = 10;

        public IdsSample {
            first = List.copyOf(first);
        }

        public String type() {
            return "ids";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "ids");
            json.put("count", count);
            json.put("first", first);
            return json;
        }
    }

    /** {@code from} inclusive, {@code to} exclusive. Tombstones in the window are applied too. */
    record Updated(Instant from, Instant to) implements ReimportScope {
        public String type() {
            return "updated";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "updated");
            json.put("from", from.toString());
            json.put("to", to.toString());
            return json;
        }
    }

    /** Parses and validates the JSON form; {@code null} means full. */
    static ReimportScope parse(Object json) {
        if (json == null) {
            return new Full();
        }
        if (!(json instanceof Map<?, ?> scope)) {
            throw InvalidInputException.invalid("scope", "must be an object with a \"type\"");
        }
        Object type = scope.get("type");
        if ("full".equals(type)) {
            onlyFields(scope, "type", "segments");
            Object segments = scope.get("segments");
            if (segments == null) {
                return new Full();
            }
            if (!(segments instanceof Integer n)) {
                throw InvalidInputException.invalid("scope.segments", "must be an integer from 1 to " + Full.MAX_SEGMENTS);
            }
            return new Full(n);
        }
        if ("ids".equals(type)) {
            onlyFields(scope, "type", "ids");
            if (!(scope.get("ids") instanceof List<?> raw) || raw.isEmpty()) {
                throw InvalidInputException.invalid("scope.ids", "must be a non-empty array of IDs");
            }
            if (raw.size() > MAX_IDS) {
                throw InvalidInputException.invalid("scope.ids", "may hold at most " + MAX_IDS
                        + " IDs inline; split the list or use an updated window");
            }
            List<String> ids = new ArrayList<>();
            for (Object id : raw) {
                if (!(id instanceof String s)) {
                    throw InvalidInputException.invalid("scope.ids", "must hold strings");
                }
                ids.add(EntityIds.require(s, "scope.ids"));
            }
            return new Ids(ids);
        }
        if ("updated".equals(type)) {
            onlyFields(scope, "type", "from", "to");
            Instant from = instant(scope.get("from"), "scope.from");
            Instant to = instant(scope.get("to"), "scope.to");
            if (!from.isBefore(to)) {
                throw InvalidInputException.invalid("scope.from", "must be before scope.to");
            }
            if (Duration.between(from, to).toDays() > 400) {
                throw InvalidInputException.invalid("scope", "window may span at most 400 days; use full");
            }
            return new Updated(from, to);
        }
        throw InvalidInputException.invalid("scope.type", "must be \"full\", \"ids\" or \"updated\"");
    }

    private static void onlyFields(Map<?, ?> scope, String... allowed) {
        List<String> known = List.of(allowed);
        for (Object key : scope.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidInputException("unknown_field", "unknown field "
                        + io.zerosync.kernel.input.Text.quote("scope." + key) + " for scope type "
                        + scope.get("type") + "; allowed: " + String.join(", ", known));
            }
        }
    }

    private static Instant instant(Object value, String field) {
        if (!(value instanceof String s)) {
            throw InvalidInputException.invalid(field, "is required (ISO-8601 UTC timestamp)");
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.invalid(field, "must be an ISO-8601 UTC timestamp such as 2026-11-22T23:00:00Z");
        }
    }

}
