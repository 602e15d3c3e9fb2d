package io.zerosync.core.port;

import io.zerosync.core.domain.Shop;

import java.util.List;

/** One page of an export; {@code nextCursor} is null on the last page. */
public record ExportPage(List<Shop> shops, String nextCursor) {
    public ExportPage {
        shops = List.copyOf(shops);
    }
}
