package io.zerosync.kernel.port;

import io.zerosync.kernel.input.InvalidInputException;

import java.time.Duration;
import java.time.Instant;

/**
 * What an export asks for. Either a window of updates ({@code updatedFrom} inclusive, {@code updatedTo}
 * exclusive; answered from an index, never a scan) or a segment of the whole table (a parallel scan).
 * Both kinds include tombstones, marked deleted, so a re-import sees deletes too.
 */
public record ExportQuery(Instant updatedFrom, Instant updatedTo, int segment, int totalSegments,
                          String cursor, int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_SEGMENTS = 1000;
    public static final Duration MAX_WINDOW = Duration.ofDays(400);

    public ExportQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (totalSegments < 1 || totalSegments > MAX_SEGMENTS) {
            throw InvalidInputException.invalid("totalSegments", "must be between 1 and " + MAX_SEGMENTS);
        }
        if (segment < 0 || segment >= totalSegments) {
            throw InvalidInputException.invalid("segment", "must be between 0 and totalSegments - 1");
        }
        if (updatedFrom != null || updatedTo != null) {
            if (updatedFrom == null || updatedTo == null) {
                throw new InvalidInputException("invalid_window", "updatedFrom and updatedTo go together");
            }
            if (!updatedFrom.isBefore(updatedTo)) {
                throw new InvalidInputException("invalid_window", "updatedFrom must be before updatedTo");
            }
            if (Duration.between(updatedFrom, updatedTo).compareTo(MAX_WINDOW) > 0) {
                throw new InvalidInputException("invalid_window", "a window may span at most "
                        + MAX_WINDOW.toDays() + " days; use a full export instead");
            }
            if (totalSegments != 1) {
                throw new InvalidInputException("invalid_window",
                        "segment/totalSegments apply to full exports, not to updated windows");
            }
        }
    }

    public boolean isWindow() {
        return updatedFrom != null;
    }
}
