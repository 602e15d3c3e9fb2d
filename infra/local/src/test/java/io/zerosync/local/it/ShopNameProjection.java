package io.zerosync.local.it;

/** A test-only third read model: just each shop's name. Nothing but this class and template entries. */
public final class ShopNameProjection extends ShopNameViews {
    public ShopNameProjection() {
        super("shop-name");
    }
}
