package io.zerosync.shop.command;

/** No live shop with this ID (never created, or deleted). */
public class ShopNotFoundException extends RuntimeException {
    public ShopNotFoundException(String what) {
        super(what + " not found");
    }
}
