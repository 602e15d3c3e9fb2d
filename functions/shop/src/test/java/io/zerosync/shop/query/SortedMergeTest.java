package io.zerosync.shop.query;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortedMergeTest {
    private static final Executor DIRECT = Runnable::run;

    /** A sorted list served a page at a time, starting after {@code after} (as a shard resumes after a cursor). */
    private static final class ListSource implements SortedMerge.Source<Integer> {
        private final List<Integer> items;
        private final int pageSize;
        private int next;
        final AtomicInteger fetches = new AtomicInteger();

        ListSource(List<Integer> items, int pageSize, Integer after) {
            this.items = items;
            this.pageSize = pageSize;
            this.next = after == null ? 0 : (int) items.stream().filter(i -> i <= after).count();
        }

        @Override
        public SortedMerge.Page<Integer> next() {
            fetches.incrementAndGet();
            int end = Math.min(items.size(), next + pageSize);
            List<Integer> page = items.subList(next, end);
            next = end;
            return new SortedMerge.Page<>(page, next < items.size());
        }
    }

    /** 200 distinct numbers dealt at random over {@code shards} sorted lists. */
    private static List<List<Integer>> dealt(int shards, long seed) {
        List<List<Integer>> out = new ArrayList<>();
        IntStream.range(0, shards).forEach(i -> out.add(new ArrayList<>()));
        Random random = new Random(seed);
        IntStream.range(0, 200).forEach(i -> out.get(random.nextInt(shards)).add(i * 3));
        return out;
    }

    private static List<ListSource> sources(List<List<Integer>> shards, int pageSize, Integer after) {
        return shards.stream().map(s -> new ListSource(s, pageSize, after)).toList();
    }

    @Test
    void takesTheSmallestItemsOfAllSourcesInOrder_whenTheyInterleave() {
        List<List<Integer>> shards = dealt(8, 1);

        SortedMerge.Result<Integer> result = SortedMerge.take(sources(shards, 20, null), Comparator.naturalOrder(), 20, DIRECT);

        assertEquals(IntStream.range(0, 20).map(i -> i * 3).boxed().toList(), result.items());
        assertTrue(result.more());
    }

    @Test
    void isExact_whenASourceReturnsShortPagesAndMustBeFetchedAgain() {
        List<List<Integer>> shards = dealt(3, 2);
        List<ListSource> sources = sources(shards, 1, null);

        SortedMerge.Result<Integer> result = SortedMerge.take(sources, Comparator.naturalOrder(), 50, DIRECT);

        assertEquals(IntStream.range(0, 50).map(i -> i * 3).boxed().toList(), result.items());
    }

    @Test
    void returnsEveryItemExactlyOnceAndInOrder_whenPagedWithOddLimits() {
        for (int limit : List.of(1, 3, 7, 13, 199, 200, 201)) {
            List<List<Integer>> shards = dealt(8, limit);
            List<Integer> seen = new ArrayList<>();
            Integer after = null;
            boolean more = true;
            int pages = 0;
            while (more) {
                // Each page starts afresh after the last item served, as a listing cursor does.
                SortedMerge.Result<Integer> page = SortedMerge.take(sources(shards, limit, after), Comparator.naturalOrder(),
                        limit, DIRECT);
                seen.addAll(page.items());
                more = page.more();
                if (!page.items().isEmpty()) {
                    after = page.items().get(page.items().size() - 1);
                }
                assertTrue(++pages <= 201, "paging ends");
            }
            assertEquals(IntStream.range(0, 200).map(i -> i * 3).boxed().toList(), seen, "limit " + limit);
        }
    }

    @Test
    void saysNoMore_whenEverySourceIsExhausted() {
        List<List<Integer>> shards = List.of(List.of(1, 4), List.of(), List.of(2, 3));

        SortedMerge.Result<Integer> result = SortedMerge.take(sources(shards, 10, null), Comparator.naturalOrder(), 10, DIRECT);

        assertEquals(List.of(1, 2, 3, 4), result.items());
        assertFalse(result.more());
    }

    @Test
    void fetchesNothingMore_onceThePageIsFull() {
        ListSource only = new ListSource(IntStream.range(0, 40).boxed().toList(), 20, null);

        SortedMerge.Result<Integer> result = SortedMerge.take(List.of(only), Comparator.naturalOrder(), 20, DIRECT);

        assertEquals(20, result.items().size());
        assertTrue(result.more());
        assertEquals(1, only.fetches.get(), "one read per source for a full page");
    }

    @Test
    void failsAsTheSourceFailed_whenAReadFails() {
        IllegalStateException boom = new IllegalStateException("throttled");
        SortedMerge.Source<Integer> failing = () -> {
            throw boom;
        };

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> SortedMerge.take(
                List.of(new ListSource(List.of(1), 1, null), failing), Comparator.naturalOrder(), 5,
                r -> new Thread(r).start()));
        assertSame(boom, thrown);
    }
}
