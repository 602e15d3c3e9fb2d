package io.zerosync.bench.cost;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A deterministic stream of write commands, split into lanes (one client thread each, owning its own shops,
 * so a lane's commands can run in order and two runs of the same mix send exactly the same commands).
 * The mix is a catalog's day: creates, merge patches, menu puts, some menu and shop deletes, and repeated
 * changes to a few hot shops (a lane's first shop takes a share of its changes, sometimes three in a row).
 */
public final class CommandMix {
    private static final String[] CATEGORIES = {"korean", "pizza", "burger", "sushi", "vegan", "noodles"};
    private static final String[] MENUS = {"m1", "m2", "m3", "m4"};

    /** One command; {@code shop} is the lane's shop number (its real ID is known once its create is answered). */
    public record Command(Kind kind, int shop, String pathSuffix, String body) {
    }

    public enum Kind { CREATE, PATCH, MENU_PUT, MENU_DELETE, DELETE }

    private CommandMix() {
    }

    /** {@code commands} commands over {@code lanes} lanes (as evenly as possible), the same for the same seed. */
    public static List<List<Command>> generate(int commands, int lanes, long seed) {
        List<List<Command>> all = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int size = commands / lanes + (lane < commands % lanes ? 1 : 0);
            all.add(lane(size, new SplittableRandom(seed * 31 + lane)));
        }
        return all;
    }

    private static List<Command> lane(int size, SplittableRandom random) {
        List<Command> out = new ArrayList<>(size);
        List<Integer> live = new ArrayList<>();
        Map<Integer, Set<String>> menus = new HashMap<>();
        int shops = 0;
        while (out.size() < size) {
            double r = random.nextDouble();
            if (live.size() < 3 || r < 0.18) {
                out.add(new Command(Kind.CREATE, shops, "", newShop(random)));
                menus.put(shops, new TreeSet<>(List.of("m1")));
                live.add(shops++);
                continue;
            }
            // A third of the changes go to the lane's hot shop (its oldest live one).
            int shop = random.nextDouble() < 0.33 ? live.get(0) : live.get(random.nextInt(live.size()));
            if (r < 0.55) {
                out.add(patch(shop, random));
            } else if (r < 0.78 || (r < 0.84 && menus.get(shop).isEmpty())) {
                out.add(menuPut(shop, random, menus.get(shop)));
            } else if (r < 0.84) {
                // Only menus the shop has: a refused command would cost without changing anything.
                String menu = List.copyOf(menus.get(shop)).get(random.nextInt(menus.get(shop).size()));
                menus.get(shop).remove(menu);
                out.add(new Command(Kind.MENU_DELETE, shop, "/menus/" + menu, null));
            } else if (r < 0.95) {
                // A burst: the hot shop changed three times in quick succession.
                for (int i = 0; i < 3 && out.size() < size; i++) {
                    out.add(i % 2 == 0 ? patch(live.get(0), random) : menuPut(live.get(0), random, menus.get(live.get(0))));
                }
            } else if (shop != live.get(0)) {
                out.add(new Command(Kind.DELETE, shop, "", null));
                live.remove(Integer.valueOf(shop));
            }
        }
        return out;
    }

    private static Command patch(int shop, SplittableRandom random) {
        String body = switch (random.nextInt(4)) {
            case 0 -> "{\"deliveryFee\":" + random.nextInt(5) * 1000 + "}";
            case 1 -> "{\"open\":" + random.nextBoolean() + "}";
            case 2 -> "{\"category\":\"" + CATEGORIES[random.nextInt(CATEGORIES.length)] + "\"}";
            default -> "{\"name\":\"Renamed " + random.nextInt(1_000_000) + "\"}";
        };
        return new Command(Kind.PATCH, shop, "", body);
    }

    private static Command menuPut(int shop, SplittableRandom random, Set<String> menus) {
        String menu = MENUS[random.nextInt(MENUS.length)];
        menus.add(menu);
        return new Command(Kind.MENU_PUT, shop, "/menus/" + menu,
                "{\"name\":\"Dish " + random.nextInt(1000) + "\",\"price\":" + (1000 + random.nextInt(20) * 500) + "}");
    }

    private static String newShop(SplittableRandom random) {
        return "{\"name\":\"Shop " + random.nextInt(1_000_000) + "\",\"category\":\""
                + CATEGORIES[random.nextInt(CATEGORIES.length)] + "\",\"address\":\"" + random.nextInt(500)
                + " Harbour St\",\"phone\":\"+82 51 123 " + (1000 + random.nextInt(9000)) + "\","
                + "\"minOrderAmount\":" + random.nextInt(30) * 1000 + ",\"deliveryFee\":" + random.nextInt(5) * 1000
                + ",\"open\":" + random.nextBoolean() + ",\"menus\":[{\"menuId\":\"m1\",\"name\":\"Bibimbap\",\"price\":9000}]}";
    }
}
