package io.zerosync.functions.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Settings template.yaml passes to the functions as environment variables: property
 * {@code zerosync.shops-table} is {@code ZEROSYNC_SHOPS_TABLE}, and so on. Defaults are the logical IDs,
 * which is how the embedded local cloud names its resources.
 */
@ConfigurationProperties("zerosync")
public class ZerosyncConfig {
    private String shopsTable = "ShopsTable";
    private String idempotencyTable = "IdempotencyTable";
    private String shopChangedTopicArn = "arn:aws:sns:us-east-1:000000000000:ShopChangedTopic";
    private int tombstoneTtlDays = 30;
    /**
     * Shards of ShopsTable's ByUpdatedAt and PendingAnnouncements indexes (template.yaml's IndexShards).
     * Part of the stored keys: never change it for a stack's data without the re-keying migration.
     */
    private int indexShards = 32;
    /**
     * Safety margin of window exports: how late a change may become visible in the ByUpdatedAt index after
     * its updatedAt (the command function's timeout plus index lag). Must stay below the outbox grace.
     */
    private int exportSettleSeconds = 25;
    private int idempotencyTtlHours = 24;
    /** Base URL of the source API (the write side's /internal routes). */
    private String sourceApiUrl = "http://localhost:8080";
    /** How long GET /shops/{id} with X-Min-Version waits for the view to catch up before answering 409. */
    private int minVersionWaitMillis = 1000;
    /**
     * Names of the read models' queues start with it ({@code <stack>-view-}): the views register themselves
     * by their queues' names and tags (infra/templates/view.yaml), found by ViewDefinitions.
     */
    private String viewQueuePrefix = "";
    /** A sync function's entity collection under the source API (e.g. {@code internal/shops}). */
    private String sourcePath = "";
    /** Class name decoding a sync function's source documents (the view template passes it through). */
    private String sourceDecoder = "";
    private String reimportJobsTable = "ReimportJobsTable";
    private String reimportTaskQueueUrl = "";
    /** How long one worker invocation works on a task before sending itself a continuation. */
    private int workerBudgetSeconds = 90;
    /**
     * How long a re-import job holds its views without a worker renewing the lease (at every page). Must
     * outlast a retried task's way back through SQS (the task queue's visibility timeout plus the worker's)
     * and a task's wait behind other jobs' tasks; see template.yaml's ReimportLeaseSeconds.
     */
    private int reimportLeaseSeconds = 1800;
    /** How old an unannounced change must be before the outbox sweeper announces it. */
    private int outboxGraceSeconds = 30;
    /** {@code iam}: API Gateway already authenticated the caller with SigV4; {@code bearer}: check a token. */
    private String authMode = "bearer";
    /**
     * The per-stack secret that signs paged-read cursors (ZEROSYNC_CURSOR_KEY; on AWS resolved from
     * CursorKeySecret when the stack deploys). Blank off AWS means a random key per process.
     */
    private String cursorKey = "";
    /**
     * Shards of the shop-list's ByCategory index (ZEROSYNC_CATEGORY_SHARDS, template parameter
     * CategoryShards): writers of shop-list rows and the query function must agree on it.
     */
    private int categoryShards = 16;

    public int getCategoryShards() {
        return categoryShards;
    }

    public void setCategoryShards(int categoryShards) {
        this.categoryShards = categoryShards;
    }

    /**
     * The routes this API function serves (ZEROSYNC_API_ROUTES, comma-separated {@code METHOD /prefix}); blank
     * serves every route. See FunctionRoutes.
     */
    private String apiRoutes = "";

    public String getApiRoutes() {
        return apiRoutes;
    }

    public void setApiRoutes(String apiRoutes) {
        this.apiRoutes = apiRoutes;
    }

    public String getCursorKey() {
        return cursorKey;
    }

    public void setCursorKey(String cursorKey) {
        this.cursorKey = cursorKey;
    }

    public String getShopsTable() {
        return shopsTable;
    }

    public void setShopsTable(String shopsTable) {
        this.shopsTable = shopsTable;
    }

    public String getIdempotencyTable() {
        return idempotencyTable;
    }

    public void setIdempotencyTable(String idempotencyTable) {
        this.idempotencyTable = idempotencyTable;
    }

    public String getShopChangedTopicArn() {
        return shopChangedTopicArn;
    }

    public void setShopChangedTopicArn(String shopChangedTopicArn) {
        this.shopChangedTopicArn = shopChangedTopicArn;
    }

    public int getExportSettleSeconds() {
        return exportSettleSeconds;
    }

    public void setExportSettleSeconds(int exportSettleSeconds) {
        this.exportSettleSeconds = exportSettleSeconds;
    }

    public int getIndexShards() {
        return indexShards;
    }

    public void setIndexShards(int indexShards) {
        this.indexShards = indexShards;
    }

    public int getTombstoneTtlDays() {
        return tombstoneTtlDays;
    }

    public void setTombstoneTtlDays(int tombstoneTtlDays) {
        this.tombstoneTtlDays = tombstoneTtlDays;
    }

    public int getIdempotencyTtlHours() {
        return idempotencyTtlHours;
    }

    public void setIdempotencyTtlHours(int idempotencyTtlHours) {
        this.idempotencyTtlHours = idempotencyTtlHours;
    }

    public String getSourceApiUrl() {
        return sourceApiUrl;
    }

    public void setSourceApiUrl(String sourceApiUrl) {
        this.sourceApiUrl = sourceApiUrl;
    }

    public int getMinVersionWaitMillis() {
        return minVersionWaitMillis;
    }

    public void setMinVersionWaitMillis(int minVersionWaitMillis) {
        this.minVersionWaitMillis = minVersionWaitMillis;
    }

    public String getViewQueuePrefix() {
        return viewQueuePrefix;
    }

    public void setViewQueuePrefix(String viewQueuePrefix) {
        this.viewQueuePrefix = viewQueuePrefix;
    }

    public String getSourcePath() {
        return sourcePath;
    }

    public void setSourcePath(String sourcePath) {
        this.sourcePath = sourcePath;
    }

    public String getSourceDecoder() {
        return sourceDecoder;
    }

    public void setSourceDecoder(String sourceDecoder) {
        this.sourceDecoder = sourceDecoder;
    }

    public String getReimportJobsTable() {
        return reimportJobsTable;
    }

    public void setReimportJobsTable(String reimportJobsTable) {
        this.reimportJobsTable = reimportJobsTable;
    }

    public String getReimportTaskQueueUrl() {
        return reimportTaskQueueUrl;
    }

    public void setReimportTaskQueueUrl(String reimportTaskQueueUrl) {
        this.reimportTaskQueueUrl = reimportTaskQueueUrl;
    }

    public int getReimportLeaseSeconds() {
        return reimportLeaseSeconds;
    }

    public void setReimportLeaseSeconds(int reimportLeaseSeconds) {
        this.reimportLeaseSeconds = reimportLeaseSeconds;
    }

    public int getWorkerBudgetSeconds() {
        return workerBudgetSeconds;
    }

    public void setWorkerBudgetSeconds(int workerBudgetSeconds) {
        this.workerBudgetSeconds = workerBudgetSeconds;
    }

    public int getOutboxGraceSeconds() {
        return outboxGraceSeconds;
    }

    public void setOutboxGraceSeconds(int outboxGraceSeconds) {
        this.outboxGraceSeconds = outboxGraceSeconds;
    }

    public String getAuthMode() {
        return authMode;
    }

    public void setAuthMode(String authMode) {
        this.authMode = authMode;
    }
}
