package io.zerosync.core.query;

import io.zerosync.core.sync.ViewRow;

import java.util.List;
import java.util.Optional;

/** Reads of the read models, for the query API. Deletion markers read as absent. */
public interface ShopViews {

    Optional<ViewRow> detail(String shopId, boolean consistent);

    ListPage list(ListQuery query);

    record ListPage(List<ViewRow> rows, String nextCursor) {
        public ListPage {
            rows = List.copyOf(rows);
        }
    }
}
