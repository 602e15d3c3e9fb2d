package io.zerosync.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives random commands (create, patch, menu put/delete, shop delete) over HTTP from several threads,
 * recording every acknowledged one in the {@link Ledger}. A refused command (4xx, 5xx, or no answer) is
 * simply not acknowledged; the answers are counted by class.
 */
final class CommandDriver {
    private static final String[] CATEGORIES = {"korean", "pizza", "burger", "sushi", "vegan", "noodles"};
    private static final String[] MENUS = {"m1", "m2", "m3", "m4"};
    private static final int MIN_LIVE_SHOPS = 8;

    private final Http http;
    private final Ledger ledger;
    private final List<String> live = new ArrayList<>();
    private final AtomicInteger remaining = new AtomicInteger();
    private final LongAdder attempted = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder clientErrors = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder noAnswer = new LongAdder();
    private final Map<String, LongAdder> byCommand = new LinkedHashMap<>();

    CommandDriver(Http http, Ledger ledger) {
        this.http = http;
        this.ledger = ledger;
        for (String c : List.of("create", "patch", "menu-put", "menu-delete", "delete")) {
            byCommand.put(c, new LongAdder());
        }
    }

    void run(int commands, int threads, long seed, java.io.PrintStream progress) throws InterruptedException {
        remaining.set(commands);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chaos-client");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(seed * 31 + t);
            futures.add(pool.submit(() -> {
                int left;
                while ((left = remaining.getAndDecrement()) > 0) {
                    one(random);
                    int done = commands - left + 1;
                    if (done % 1000 == 0) {
                        progress.printf("chaos: %d/%d commands, %.0f s%n", done, commands,
                                (System.nanoTime() - started) / 1e9);
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a client thread died", e.getCause());
            }
        }
        pool.shutdown();
    }

    private void one(SplittableRandom random) {
        String shop = pickShop(random);
        double r = random.nextDouble();
        String command = shop == null || r < 0.15 ? "create" : r < 0.55 ? "patch" : r < 0.80 ? "menu-put"
                : r < 0.92 ? "menu-delete" : "delete";
        attempted.increment();
        byCommand.get(command).increment();
        try {
            Http.Answer answer = switch (command) {
                case "create" -> http.send("POST", "/shops", "application/json", newShop(random), false,
                        "chaos-" + Long.toHexString(random.nextLong()));
                case "patch" -> http.send("PATCH", "/shops/" + shop, "application/merge-patch+json", patch(random), false);
                case "menu-put" -> http.send("PUT", "/shops/" + shop + "/menus/" + MENUS[random.nextInt(MENUS.length)],
                        "application/json", "{\"name\":\"Dish " + random.nextInt(1000) + "\",\"price\":"
                                + (1000 + random.nextInt(20) * 500) + "}", false);
                case "menu-delete" -> http.send("DELETE", "/shops/" + shop + "/menus/" + MENUS[random.nextInt(MENUS.length)],
                        null, null, false);
                default -> http.send("DELETE", "/shops/" + shop, null, null, false);
            };
            record(command, shop, answer);
        } catch (IOException e) {
            noAnswer.increment();
        }
    }

    private void record(String command, String shop, Http.Answer answer) {
        if (answer.status() >= 500) {
            serverErrors.increment();
            return;
        }
        if (!answer.ok()) {
            clientErrors.increment();
            return;
        }
        acknowledged.increment();
        if (command.equals("delete")) {
            ledger.acknowledged(shop, Long.parseLong(answer.etag().replaceAll("[^0-9]", "")), true);
            synchronized (live) {
                live.remove(shop);
            }
            return;
        }
        JsonNode body = answer.json();
        String id = body.get("shopId").asText();
        ledger.acknowledged(id, body.get("version").asLong(), false);
        if (command.equals("create")) {
            synchronized (live) {
                live.add(id);
            }
        }
    }

    private String pickShop(SplittableRandom random) {
        synchronized (live) {
            return live.size() < MIN_LIVE_SHOPS ? null : live.get(random.nextInt(live.size()));
        }
    }

    private static String newShop(SplittableRandom random) {
        return "{\"name\":\"Shop " + random.nextInt(1_000_000) + "\",\"category\":\""
                + CATEGORIES[random.nextInt(CATEGORIES.length)] + "\",\"address\":\"" + random.nextInt(500)
                + " Harbour St\",\"phone\":\"+82 51 123 " + (1000 + random.nextInt(9000)) + "\","
                + "\"minOrderAmount\":" + random.nextInt(30) * 1000 + ",\"deliveryFee\":" + random.nextInt(5) * 1000
                + ",\"open\":" + random.nextBoolean() + ",\"menus\":[{\"menuId\":\"m1\",\"name\":\"Bibimbap\",\"price\":9000}]}";
    }

    private static String patch(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> "{\"deliveryFee\":" + random.nextInt(5) * 1000 + "}";
            case 1 -> "{\"open\":" + random.nextBoolean() + "}";
            case 2 -> "{\"category\":\"" + CATEGORIES[random.nextInt(CATEGORIES.length)] + "\"}";
            default -> "{\"name\":\"Renamed " + random.nextInt(1_000_000) + "\",\"phone\":null}";
        };
    }

    Map<String, Object> figures() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attempted", attempted.sum());
        out.put("acknowledged", acknowledged.sum());
        out.put("refused4xx", clientErrors.sum());
        out.put("refused5xx", serverErrors.sum());
        out.put("noAnswer", noAnswer.sum());
        Map<String, Long> commands = new LinkedHashMap<>();
        byCommand.forEach((c, n) -> commands.put(c, n.sum()));
        out.put("byCommand", commands);
        return out;
    }

    long serverErrors() {
        return serverErrors.sum();
    }
}
