package io.zerosync.functions.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Which read model a sync function maintains: template.yaml names the projection class and the view's
 * table (ZEROSYNC_VIEW_PROJECTION, ZEROSYNC_VIEW_TABLE), so a new read model needs no new handler.
 */
@ConfigurationProperties("zerosync.view")
public class ViewConfig {
    private String projection;
    private String table;

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
}
