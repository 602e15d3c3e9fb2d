package io.zerosync.local.faults;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The local cloud's fault switchboard: a rate per {@link FaultKind}, one seeded random, and a counter of
 * faults injected by kind. Injection points only ask {@link #roll}; with every rate 0 that is one
 * volatile read. Faults that need a proxy in the path (source API, DynamoDB) can only be switched on
 * when fault injection was enabled at start, since the proxies are not in the path otherwise.
 */
public final class Faults {
    private final boolean proxied;
    private final SplittableRandom random;
    private final Map<FaultKind, LongAdder> injected = new EnumMap<>(FaultKind.class);
    private final Map<FaultKind, LongSupplier> countedElsewhere = new EnumMap<>(FaultKind.class);
    private final List<Consumer<FaultRates>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger heldBack = new AtomicInteger();
    private volatile FaultRates rates = FaultRates.none();

    public Faults(boolean proxied, long seed) {
        this.proxied = proxied;
        this.random = new SplittableRandom(seed);
        for (FaultKind kind : FaultKind.values()) {
            injected.put(kind, new LongAdder());
        }
    }

    /** No proxies, every rate 0: what the local cloud runs with unless told otherwise. */
    public static Faults off() {
        return new Faults(false, 0);
    }

    /** Whether the proxies (source API, DynamoDB) are in the path, i.e. fault injection was enabled at start. */
    public boolean proxied() {
        return proxied;
    }

    public FaultRates rates() {
        return rates;
    }

    /** Switches to these rates at once (every kind not given is 0). */
    public void set(FaultRates next) {
        if (!proxied) {
            for (FaultKind kind : FaultKind.values()) {
                if (kind.needsProxy() && next.rate(kind) > 0) {
                    throw new IllegalStateException(kind.flag() + " needs fault injection enabled at start "
                            + "(the local cloud's --faults flag), so that its proxy is in the path");
                }
            }
        }
        rates = next;
        listeners.forEach(l -> l.accept(next));
    }

    /** Whether to inject a fault of this kind now; counts it when so. */
    public boolean roll(FaultKind kind) {
        double rate = rates.rate(kind);
        if (rate <= 0) {
            return false;
        }
        if (nextDouble() >= rate) {
            return false;
        }
        injected.get(kind).increment();
        return true;
    }

    /** A uniform number in [0, 1) from the seeded random (for delays and crash points). */
    public double nextDouble() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    /** For faults decided elsewhere (the DynamoDB proxy rolls its own): where their count comes from. */
    public void countedBy(FaultKind kind, LongSupplier counter) {
        countedElsewhere.put(kind, counter);
    }

    /** Told of every change of rates (the DynamoDB proxy's rules follow them). */
    public void onChange(Consumer<FaultRates> listener) {
        listeners.add(listener);
        listener.accept(rates);
    }

    /** Faults injected so far, by kind flag (every kind listed, 0 included). */
    public Map<String, Long> injected() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (FaultKind kind : FaultKind.values()) {
            LongSupplier elsewhere = countedElsewhere.get(kind);
            out.put(kind.flag(), injected.get(kind).sum() + (elsewhere == null ? 0 : elsewhere.getAsLong()));
        }
        return out;
    }

    /** Deliveries held back right now (delayed or waiting to be overtaken): the cloud is not quiet while any are. */
    public int heldBack() {
        return heldBack.get();
    }

    /** For the injection points that hold deliveries back. */
    public AtomicInteger heldBackCounter() {
        return heldBack;
    }
}
