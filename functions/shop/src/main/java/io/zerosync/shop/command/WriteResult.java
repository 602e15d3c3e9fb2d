package io.zerosync.shop.command;

/**
 * What a command answers: the shop and the version it reached. {@code replayed} is true when an
 * idempotent create returned the result of an earlier identical request.
 */
public record WriteResult(String shopId, long version, boolean replayed) {
}
