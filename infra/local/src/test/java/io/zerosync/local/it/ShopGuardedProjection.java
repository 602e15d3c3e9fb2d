package io.zerosync.local.it;

/** A test-only view whose queue policy lets another topic send (ThirdViewIT): it must never get a row. */
public final class ShopGuardedProjection extends ShopNameViews {
    public ShopGuardedProjection() {
        super("shop-guarded");
    }
}
