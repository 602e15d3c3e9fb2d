package io.zerosync.shop.query;

import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.shop.domain.ShopDetails;

/** GET /shops: optionally one category, optionally only open (or closed) shops, a page at a time. */
public record ListQuery(String category, Boolean open, int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public ListQuery {
        if (category != null && !ShopDetails.CATEGORY.matcher(category).matches()) {
            throw InvalidInputException.invalid("category", "must be a lower-case slug");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }
}
