package io.zerosync.shop.domain;

import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.kernel.input.Text;

/** The value rules every shop field obeys, in one place so create, patch and menu edits agree. */
final class Rules {
    /** Amounts are integers in the smallest currency unit; the cap keeps typos (an extra 000) out. */
    static final long MAX_AMOUNT = 100_000_000L;

    private Rules() {
    }

    static String requireText(String field, String value, int maxLength) {
        if (value == null) {
            throw InvalidInputException.invalid(field, "is required");
        }
        Text.requireClean(field, value);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw InvalidInputException.invalid(field, "must not be blank");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw InvalidInputException.invalid(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    static long requireAmount(String field, long value) {
        if (value < 0) {
            throw InvalidInputException.invalid(field, "must not be negative");
        }
        if (value > MAX_AMOUNT) {
            throw InvalidInputException.invalid(field, "must be at most " + MAX_AMOUNT);
        }
        return value;
    }
}
