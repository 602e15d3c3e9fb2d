package io.zerosync.shop.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A k-way merge of sorted sources, each read a page at a time: the {@code limit} smallest items of their
 * union, in order. Every source must already be sorted by {@code order}, and no two sources may hold
 * equal items (each item lives in one source). Each source's first page is fetched in parallel; a source
 * whose page runs out while it says it has more is fetched again before any larger item is taken, so
 * the result is exact whatever page sizes the sources return.
 */
public final class SortedMerge {

    /** One sorted source; stateful: each call returns the page after the previous one. */
    public interface Source<T> {
        Page<T> next();
    }

    /** A source's page: its items in order, and whether more may follow. */
    public record Page<T>(List<T> items, boolean more) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** The merged items, and whether any source may hold more after them. */
    public record Result<T>(List<T> items, boolean more) {
        public Result {
            items = List.copyOf(items);
        }
    }

    private SortedMerge() {
    }

    public static <T> Result<T> take(List<? extends Source<T>> sources, Comparator<? super T> order, int limit,
                                     Executor parallel) {
        List<CompletableFuture<Page<T>>> first = sources.stream()
                .map(s -> CompletableFuture.supplyAsync(s::next, parallel)).toList();
        List<Buffer<T>> buffers = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            buffers.add(new Buffer<>(sources.get(i), join(first.get(i))));
        }
        PriorityQueue<Buffer<T>> heads = new PriorityQueue<>((a, b) -> order.compare(a.items.peekFirst(), b.items.peekFirst()));
        buffers.stream().filter(b -> b.refill()).forEach(heads::add);
        List<T> out = new ArrayList<>(limit);
        while (out.size() < limit && !heads.isEmpty()) {
            Buffer<T> smallest = heads.poll();
            out.add(smallest.items.pollFirst());
            // Once the page is full no fetch is needed: "more" is then known without one.
            if (out.size() < limit ? smallest.refill() : !smallest.items.isEmpty()) {
                heads.add(smallest);
            }
        }
        boolean more = buffers.stream().anyMatch(b -> !b.items.isEmpty() || b.more);
        return new Result<>(out, more);
    }

    private static <T> Page<T> join(CompletableFuture<Page<T>> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static final class Buffer<T> {
        private final Source<T> source;
        private final Deque<T> items = new ArrayDeque<>();
        private boolean more;

        Buffer(Source<T> source, Page<T> first) {
            this.source = source;
            add(first);
        }

        /** Has an item at its head; fetches pages (sequentially: rare) until it has one or the source ends. */
        boolean refill() {
            while (items.isEmpty() && more) {
                add(source.next());
            }
            return !items.isEmpty();
        }

        private void add(Page<T> page) {
            items.addAll(page.items());
            more = page.more();
        }
    }
}
