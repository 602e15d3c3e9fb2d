package io.zerosync.local.faults;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to inject: a rate 0..1 per kind, the longest SNS delay and how slow a slow source answer is.
 * Written as {@code sns-drop=0.05,sns-duplicate=0.1,sns-max-delay-ms=2000} (flag) or as a flat JSON object
 * with the same keys (admin route). {@code all=R} sets every kind to R; keys not given are 0.
 */
public record FaultRates(Map<FaultKind, Double> rates, Duration snsMaxDelay, Duration sourceSlow) {
    public static final Duration DEFAULT_SNS_MAX_DELAY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOURCE_SLOW = Duration.ofMillis(300);
    public static final String MAX_DELAY_KEY = "sns-max-delay-ms";
    public static final String SLOW_KEY = "source-slow-ms";

    public FaultRates {
        EnumMap<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            double rate = rates.getOrDefault(kind, 0.0);
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException(kind.flag() + " must be a rate within 0..1, was " + rate);
            }
            copy.put(kind, rate);
        }
        rates = java.util.Collections.unmodifiableMap(copy);
        if (snsMaxDelay.isNegative() || sourceSlow.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    public static FaultRates none() {
        return new FaultRates(Map.of(), DEFAULT_SNS_MAX_DELAY, DEFAULT_SOURCE_SLOW);
    }

    public double rate(FaultKind kind) {
        return rates.get(kind);
    }

    public boolean any() {
        return rates.values().stream().anyMatch(r -> r > 0);
    }

    /** Parses {@code key=value,key=value}; {@code seed} is not a rate and is ignored here (see {@link #seedOf}). */
    public static FaultRates parse(String spec) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank() || part.strip().equals("none")) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("fault " + part.strip() + " needs a value (e.g. sns-drop=0.05)");
            }
            pairs.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return of(pairs);
    }

    /** From key/value pairs, as parsed from the flag or read from the admin route's JSON. */
    public static FaultRates of(Map<String, ?> pairs) {
        Map<FaultKind, Double> rates = new EnumMap<>(FaultKind.class);
        Duration maxDelay = DEFAULT_SNS_MAX_DELAY;
        Duration slow = DEFAULT_SOURCE_SLOW;
        if (pairs.containsKey("all")) {
            double all = number("all", pairs.get("all"));
            for (FaultKind kind : FaultKind.values()) {
                rates.put(kind, all);
            }
        }
        for (Map.Entry<String, ?> e : pairs.entrySet()) {
            switch (e.getKey()) {
                case "all", "seed" -> {
                }
                case MAX_DELAY_KEY -> maxDelay = Duration.ofMillis((long) number(e.getKey(), e.getValue()));
                case SLOW_KEY -> slow = Duration.ofMillis((long) number(e.getKey(), e.getValue()));
                default -> rates.put(FaultKind.ofFlag(e.getKey()), number(e.getKey(), e.getValue()));
            }
        }
        return new FaultRates(rates, maxDelay, slow);
    }

    /** The {@code seed=N} of a flag value, if any. */
    public static Long seedOf(String spec) {
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.startsWith("seed=")) {
                try {
                    return Long.parseLong(p.substring("seed=".length()).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("seed must be an integer, was " + p.substring(5));
                }
            }
        }
        return null;
    }

    /** The flat form: every kind's rate, then the two delays in milliseconds. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        rates.forEach((kind, rate) -> out.put(kind.flag(), rate));
        out.put(MAX_DELAY_KEY, snsMaxDelay.toMillis());
        out.put(SLOW_KEY, sourceSlow.toMillis());
        return out;
    }

    private static double number(String key, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was " + value);
        }
    }
}
