package io.zerosync.bench.cost;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of the AWS requests made in this JVM, by who made them (the caller: a view, the write side,
 * or a thread the bench does not bill) and by service and operation, with the DynamoDB capacity units they
 * consumed. One per JVM ({@link #GLOBAL}), because the SDK creates the {@link AwsCallMeter} that fills it;
 * callers take a {@link #snapshot()} before and after what they measure and subtract.
 */
public final class CallLedger {
    public static final CallLedger GLOBAL = new CallLedger();

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> readUnits = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> writeUnits = new ConcurrentHashMap<>();

    /** One billed request kind: who, which service (the SDK's service name, e.g. DynamoDb), which operation. */
    public record Key(String caller, String service, String operation) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return toString().compareTo(o.toString());
        }
    }

    void request(String caller, String service, String operation) {
        requests.computeIfAbsent(new Key(caller, service, operation), k -> new LongAdder()).increment();
    }

    void readUnits(String caller, double units) {
        readUnits.computeIfAbsent(caller, k -> new DoubleAdder()).add(units);
    }

    void writeUnits(String caller, double units) {
        writeUnits.computeIfAbsent(caller, k -> new DoubleAdder()).add(units);
    }

    public Snapshot snapshot() {
        Map<Key, Long> r = new TreeMap<>();
        requests.forEach((k, v) -> r.put(k, v.sum()));
        Map<String, Double> ru = new TreeMap<>();
        readUnits.forEach((k, v) -> ru.put(k, v.sum()));
        Map<String, Double> wu = new TreeMap<>();
        writeUnits.forEach((k, v) -> wu.put(k, v.sum()));
        return new Snapshot(r, ru, wu);
    }

    /** Totals at one moment; {@link #minus} gives what happened between two. */
    public record Snapshot(Map<Key, Long> requests, Map<String, Double> readUnits, Map<String, Double> writeUnits) {

        public Snapshot minus(Snapshot before) {
            Map<Key, Long> r = new TreeMap<>();
            requests.forEach((k, v) -> {
                long d = v - before.requests.getOrDefault(k, 0L);
                if (d != 0) {
                    r.put(k, d);
                }
            });
            return new Snapshot(r, difference(readUnits, before.readUnits), difference(writeUnits, before.writeUnits));
        }

        /** Requests of one caller to one service, summed over operations whose name passes {@code operation}. */
        public long requests(String caller, String service, java.util.function.Predicate<String> operation) {
            return requests.entrySet().stream()
                    .filter(e -> e.getKey().caller().equals(caller) && e.getKey().service().equals(service)
                            && operation.test(e.getKey().operation()))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        public long requests(String caller, String service) {
            return requests(caller, service, op -> true);
        }

        public double readUnits(String caller) {
            return readUnits.getOrDefault(caller, 0.0);
        }

        public double writeUnits(String caller) {
            return writeUnits.getOrDefault(caller, 0.0);
        }

        private static Map<String, Double> difference(Map<String, Double> after, Map<String, Double> before) {
            Map<String, Double> d = new TreeMap<>();
            after.forEach((k, v) -> {
                double x = v - before.getOrDefault(k, 0.0);
                if (x != 0) {
                    d.put(k, x);
                }
            });
            return d;
        }
    }
}
