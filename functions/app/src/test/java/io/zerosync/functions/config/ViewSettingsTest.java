package io.zerosync.functions.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A view's Settings (k=v,k=v from its view block) as its sync function reads them. */
class ViewSettingsTest {

    @Test
    void categoryShardsComesFromTheViewsSettings_elseFromTheFunctionsOwnSetting() {
        assertEquals(4, SyncFactory.categoryShards("categoryShards=4", 16));
        assertEquals(8, SyncFactory.categoryShards("a=b, categoryShards = 8 ,c=d", 16));
        assertEquals(16, SyncFactory.categoryShards("", 16));
        assertEquals(16, SyncFactory.categoryShards(null, 16));
        assertEquals(16, SyncFactory.categoryShards("other=3", 16));
    }

    @Test
    void aSettingThatIsNoNumberFails() {
        assertThrows(NumberFormatException.class, () -> SyncFactory.categoryShards("categoryShards=many", 16));
    }
}
