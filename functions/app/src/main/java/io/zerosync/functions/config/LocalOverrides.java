package io.zerosync.functions.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Settings that exist only off AWS: endpoint overrides (embedded local cloud, LocalStack) and the
 * bearer token that stands in for IAM auth locally. On Lambda none of these is set.
 * Environment variables: ZEROSYNC_LOCAL_DYNAMODB_ENDPOINT, ZEROSYNC_LOCAL_SNS_ENDPOINT,
 * ZEROSYNC_LOCAL_SQS_ENDPOINT, ZEROSYNC_LOCAL_ADMIN_TOKEN, ZEROSYNC_LOCAL_ACCESS_KEY_ID (the function's identity
 * towards the local cloud's IAM hop).
 */
@ConfigurationProperties("zerosync.local")
public class LocalOverrides {
    private String dynamodbEndpoint;
    private String snsEndpoint;
    private String sqsEndpoint;
    private String adminToken;
    private String accessKeyId;

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public String getDynamodbEndpoint() {
        return dynamodbEndpoint;
    }

    public void setDynamodbEndpoint(String dynamodbEndpoint) {
        this.dynamodbEndpoint = dynamodbEndpoint;
    }

    public String getSnsEndpoint() {
        return snsEndpoint;
    }

    public void setSnsEndpoint(String snsEndpoint) {
        this.snsEndpoint = snsEndpoint;
    }

    public String getSqsEndpoint() {
        return sqsEndpoint;
    }

    public void setSqsEndpoint(String sqsEndpoint) {
        this.sqsEndpoint = sqsEndpoint;
    }

    public String getAdminToken() {
        return adminToken;
    }

    public void setAdminToken(String adminToken) {
        this.adminToken = adminToken;
    }
}
