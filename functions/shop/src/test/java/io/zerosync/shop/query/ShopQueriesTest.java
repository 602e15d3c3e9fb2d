package io.zerosync.shop.query;

import io.zerosync.shop.port.ShopViews;
import io.zerosync.shop.command.ShopNotFoundException;
import io.zerosync.kernel.sync.ViewRow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** X-Min-Version costs a bounded number of strongly consistent reads, and none of the waiting when it cannot help. */
class ShopQueriesTest {
    private final CountingViews views = new CountingViews();
    private final List<Duration> waits = new ArrayList<>();
    private final ShopQueries queries = new ShopQueries(views, Duration.ofMillis(900), waits::add);

    @Test
    void costsAtMostThreeConsistentReads_whenTheViewNeverCatchesUp() {
        views.answer(row(4));

        NotYetSyncedException e = assertThrows(NotYetSyncedException.class, () -> queries.detail("s1", 5));

        assertEquals(ShopQueries.MAX_READS, views.consistentReads);
        assertEquals(List.of(Duration.ofMillis(300), Duration.ofMillis(600)), waits, "backoff within the wait budget");
        assertEquals(4, e.current());
    }

    @Test
    void servesTheRowOnTheReadThatFindsIt_withoutFurtherReads() {
        views.answer(row(4), row(5));

        assertEquals(5, queries.detail("s1", 5).version());

        assertEquals(2, views.consistentReads);
        assertEquals(1, waits.size());
    }

    @Test
    void answersNotFoundAtOnce_whenTheViewHoldsADeletionMarker() {
        views.answer(ShopViews.Detail.absent(true));

        assertThrows(ShopNotFoundException.class, () -> queries.detail("s1", 3));

        assertEquals(1, views.consistentReads);
        assertTrue(waits.isEmpty());
    }

    @Test
    void answersNotYetAtOnce_whenTheVersionIsFarAheadOfTheRow() {
        views.answer(row(2));

        assertThrows(NotYetSyncedException.class, () -> queries.detail("s1", 2 + ShopQueries.MAX_VERSIONS_AHEAD + 1));

        assertEquals(1, views.consistentReads);
        assertTrue(waits.isEmpty());
    }

    @Test
    void answersNotYetAtOnce_whenTheViewHasNoRowAndTheVersionIsFarAhead() {
        views.answer(ShopViews.Detail.absent(false));

        NotYetSyncedException e = assertThrows(NotYetSyncedException.class, () -> queries.detail("s1", 1_000_000));

        assertEquals(1, views.consistentReads);
        assertEquals(0, e.current());
    }

    @Test
    void waitsForANewShop_whoseFirstVersionIsOnItsWay() {
        views.answer(ShopViews.Detail.absent(false), ShopViews.Detail.absent(false), row(1));

        assertEquals(1, queries.detail("s1", 1).version());

        assertEquals(3, views.consistentReads);
    }

    @Test
    void readsOnceEventually_withoutAMinimumVersion() {
        views.answer(row(7));

        assertEquals(7, queries.detail("s1", 0).version());

        assertEquals(0, views.consistentReads);
        assertEquals(1, views.eventualReads);
    }

    @Test
    void readsOnce_whenTheWaitBudgetIsZero() {
        views.answer(row(1));
        ShopQueries noWait = new ShopQueries(views, Duration.ZERO, waits::add);

        assertThrows(NotYetSyncedException.class, () -> noWait.detail("s1", 2));

        assertEquals(1, views.consistentReads);
        assertTrue(waits.isEmpty());
    }

    private static ShopViews.Detail row(long version) {
        return ShopViews.Detail.of(new ViewRow("s1", version, Instant.EPOCH, Instant.EPOCH, Map.of("name", "A")));
    }

    /** Answers the given lookups in turn (the last one from then on), counting reads by consistency. */
    private static final class CountingViews implements ShopViews {
        private final Deque<Detail> answers = new ArrayDeque<>();
        int consistentReads;
        int eventualReads;

        void answer(Detail... details) {
            answers.addAll(List.of(details));
        }

        @Override
        public Detail detail(String shopId, boolean consistent) {
            if (consistent) {
                consistentReads++;
            } else {
                eventualReads++;
            }
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }

        @Override
        public ListPage list(ListQuery query) {
            throw new UnsupportedOperationException();
        }
    }
}
