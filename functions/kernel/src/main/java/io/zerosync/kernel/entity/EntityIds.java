package io.zerosync.kernel.entity;

import io.zerosync.events.EntityChanged;
import io.zerosync.kernel.input.InvalidInputException;

/** Entity IDs as every boundary checks them: the event contract's pattern, so every stored ID can be announced. */
public final class EntityIds {
    private EntityIds() {
    }

    public static boolean valid(String id) {
        return id != null && EntityChanged.ID.matcher(id).matches();
    }

    /** The ID itself, or {@link InvalidInputException} naming {@code field}. */
    public static String require(String id, String field) {
        if (!valid(id)) {
            throw new InvalidInputException("invalid_id",
                    field + " must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return id;
    }
}
