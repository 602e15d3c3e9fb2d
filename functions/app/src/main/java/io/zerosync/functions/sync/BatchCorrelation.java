package io.zerosync.functions.sync;

import io.zerosync.functions.config.TraceRoots;
import io.zerosync.functions.logging.Correlation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which announcement caused each row a sync batch wrote, for the batch in progress on this thread: the engine
 * reports per view row (shop and version), the log line wants the event ID, message ID and trace of the
 * message that asked for it. The handler opens it around the engine's call; the {@link LagReporter} asks it
 * for each row. Nothing is open on recovery paths (re-imports report through {@link RebuildReporter}).
 */
final class BatchCorrelation implements AutoCloseable {
    private static final ThreadLocal<BatchCorrelation> CURRENT = new ThreadLocal<>();

    private final Map<String, SqsBatch.Announcement> byShopVersion = new HashMap<>();
    private final Map<String, SqsBatch.Announcement> latestByShop = new HashMap<>();
    private final Map<String, SqsBatch.Announcement> byMessage = new HashMap<>();

    private BatchCorrelation(List<SqsBatch.Announcement> announcements) {
        for (SqsBatch.Announcement a : announcements) {
            byShopVersion.put(a.shopId() + '@' + a.version(), a);
            latestByShop.merge(a.shopId(), a, (old, next) -> next.version() >= old.version() ? next : old);
            byMessage.put(a.messageId(), a);
        }
    }

    static BatchCorrelation open(SqsBatch batch) {
        BatchCorrelation correlation = new BatchCorrelation(batch.announcements());
        CURRENT.set(correlation);
        return correlation;
    }

    /**
     * The MDC scope of a row's log line: the announcement of exactly that version, else (the engine syncs a
     * newer version than announced when the shop moved on) the shop's latest announcement in the batch.
     */
    static Correlation forRow(String shopId, long version) {
        BatchCorrelation current = CURRENT.get();
        if (current == null) {
            return Correlation.with(Correlation.ENTITY_ID, shopId);
        }
        SqsBatch.Announcement a = current.byShopVersion.get(shopId + '@' + version);
        return scope(shopId, a != null ? a : current.latestByShop.get(shopId));
    }

    /** The MDC scope of a failure's log line, by the message it is reported against. */
    static Correlation forMessage(String messageId, String shopId) {
        BatchCorrelation current = CURRENT.get();
        return scope(shopId, current == null ? null : current.byMessage.get(messageId));
    }

    private static Correlation scope(String shopId, SqsBatch.Announcement a) {
        if (a == null) {
            return Correlation.with(Correlation.ENTITY_ID, shopId);
        }
        String traceId = TraceRoots.of(a.traceHeader());
        return Correlation.with(Correlation.ENTITY_ID, shopId, Correlation.EVENT_ID, a.eventId(),
                Correlation.MESSAGE_ID, a.messageId(), Correlation.TRACE_ID, traceId);
    }

    @Override
    public void close() {
        CURRENT.remove();
    }
}
