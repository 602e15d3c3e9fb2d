package io.zerosync.functions.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Which read model a sync function maintains: its view template (infra/templates/view.yaml) names the view,
 * its projection class, table and key, and the view's own settings (ZEROSYNC_VIEW_NAME, ZEROSYNC_VIEW_PROJECTION,
 * ZEROSYNC_VIEW_TABLE, ZEROSYNC_VIEW_KEY, ZEROSYNC_VIEW_SETTINGS), so a new read model needs no new handler.
 */
@ConfigurationProperties("zerosync.view")
public class ViewConfig {
    private String name = "";
    private String projection;
    private String table;
    private String key = "";
    /** {@code k=v,k=v}, may be empty (shop-list: {@code categoryShards=<CategoryShards>}). */
    private String settings = "";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getProjection() {
        return projection;
    }

    public void setProjection(String projection) {
        this.projection = projection;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getSettings() {
        return settings;
    }

    public void setSettings(String settings) {
        this.settings = settings;
    }
}
