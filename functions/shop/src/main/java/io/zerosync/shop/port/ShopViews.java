package io.zerosync.shop.port;

import io.zerosync.shop.query.ListQuery;
import io.zerosync.kernel.sync.ViewRow;

import java.util.List;
import java.util.Optional;

/** Reads of the read models, for the query API. Deletion markers read as absent, but say that they are deleted. */
public interface ShopViews {

    Detail detail(String shopId, boolean consistent);

    /**
     * A shop-detail lookup: the row, or none; {@code deleted} when the view holds the shop's deletion
     * marker (deletes are final, a shop ID never comes back).
     */
    record Detail(Optional<ViewRow> row, boolean deleted) {
        public static Detail of(ViewRow row) {
            return new Detail(Optional.of(row), false);
        }

        public static Detail absent(boolean deleted) {
            return new Detail(Optional.empty(), deleted);
        }
    }

    ListPage list(ListQuery query);

    record ListPage(List<ViewRow> rows, String nextCursor) {
        public ListPage {
            rows = List.copyOf(rows);
        }
    }
}
