package io.zerosync.shop.domain;

import io.zerosync.kernel.input.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a shop owner edits. Valid by construction: every way to build one (create, merge patch,
 * menu edits) goes through this constructor, so no invalid shop can be stored or announced.
 */
public record ShopDetails(String name, String category, String address, String phone,
                          long minOrderAmount, long deliveryFee, boolean open, List<Menu> menus) {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_ADDRESS_LENGTH = 200;
    /** Keeps an item far below DynamoDB's 400 KB limit and a shop page readable. */
    public static final int MAX_MENUS = 200;
    /** Lower-case slugs, because the list view indexes shops by category. */
    public static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    public static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{3,23}");

    public ShopDetails {
        name = Rules.requireText("name", name, MAX_NAME_LENGTH);
        if (category == null || !CATEGORY.matcher(category).matches()) {
            throw InvalidInputException.invalid("category",
                    "must be a lower-case slug (a-z, 0-9, '-'; at most 40 characters)");
        }
        address = Rules.requireText("address", address, MAX_ADDRESS_LENGTH);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw InvalidInputException.invalid("phone", "must be digits, spaces or '-', optionally starting with '+'");
        }
        Rules.requireAmount("minOrderAmount", minOrderAmount);
        Rules.requireAmount("deliveryFee", deliveryFee);
        menus = List.copyOf(Objects.requireNonNullElse(menus, List.of()));
        if (menus.size() > MAX_MENUS) {
            throw InvalidInputException.invalid("menus", "must have at most " + MAX_MENUS + " items");
        }
        Set<String> seen = new HashSet<>();
        for (Menu menu : menus) {
            if (!seen.add(menu.menuId())) {
                throw InvalidInputException.invalid("menus", "has menuId \"" + menu.menuId() + "\" more than once");
            }
        }
    }

    public Optional<Menu> menu(String menuId) {
        return menus.stream().filter(m -> m.menuId().equals(menuId)).findFirst();
    }

    /** Adds the menu, or replaces the one with the same ID in place (menu order is the owner's). */
    public ShopDetails withMenu(Menu menu) {
        List<Menu> next = new java.util.ArrayList<>(menus);
        int at = indexOf(menu.menuId());
        if (at >= 0) {
            next.set(at, menu);
        } else {
            next.add(menu);
        }
        return new ShopDetails(name, category, address, phone, minOrderAmount, deliveryFee, open, next);
    }

    public ShopDetails withoutMenu(String menuId) {
        List<Menu> next = menus.stream().filter(m -> !m.menuId().equals(menuId)).toList();
        return new ShopDetails(name, category, address, phone, minOrderAmount, deliveryFee, open, next);
    }

    private int indexOf(String menuId) {
        for (int i = 0; i < menus.size(); i++) {
            if (menus.get(i).menuId().equals(menuId)) {
                return i;
            }
        }
        return -1;
    }
}
