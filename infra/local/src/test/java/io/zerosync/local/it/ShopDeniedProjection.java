package io.zerosync.local.it;

/** A test-only view whose sync function may not write its table (ThirdViewIT): it must never get a row. */
public final class ShopDeniedProjection extends ShopNameViews {
    public ShopDeniedProjection() {
        super("shop-denied");
    }
}
