package io.zerosync.shop.domain;

/** One item on a shop's menu. Prices are integers in the currency's smallest unit. */
public record Menu(String menuId, String name, long price, boolean soldOut) {
    public static final int MAX_NAME_LENGTH = 100;

    public Menu {
        Ids.requireMenuId(menuId);
        name = Rules.requireText("menus[].name", name, MAX_NAME_LENGTH);
        Rules.requireAmount("menus[].price", price);
    }
}
