package io.zerosync.functions.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A view's Settings (k=v,k=v from its view block) as its sync function reads them. */
class ViewSettingsTest {

    @Test
    void categoryShardsComesFromTheViewsSettings_elseFromTheFunctionsOwnSetting() {
        assertEquals(4, ViewStores.categoryShards("categoryShards=4", 16));
        assertEquals(8, ViewStores.categoryShards("a=b, categoryShards = 8 ,c=d", 16));
        assertEquals(16, ViewStores.categoryShards("", 16));
        assertEquals(16, ViewStores.categoryShards(null, 16));
        assertEquals(16, ViewStores.categoryShards("other=3", 16));
    }

    @Test
    void aSettingThatIsNoNumberFails() {
        assertThrows(NumberFormatException.class, () -> ViewStores.categoryShards("categoryShards=many", 16));
    }
}
