package io.zerosync.functions.config;

import io.micronaut.context.annotation.Context;
import io.zerosync.aws.dynamodb.CursorKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the stack's cursor key at start-up, before any request can issue or accept a cursor. The
 * functions that page (CommandApi, QueryApi, AdminApi, ReimportWorker) list ZEROSYNC_CURSOR_KEY as
 * required, and a test holds template.yaml to that; the others never touch a cursor and keep the random
 * per-process key.
 */
@Context
public class CursorKeys {
    private static final Logger LOG = LoggerFactory.getLogger(CursorKeys.class);

    public CursorKeys(ZerosyncConfig config) {
        String secret = config.getCursorKey();
        if (secret != null && !secret.isBlank()) {
            CursorKey.use(secret);
        } else if ("iam".equalsIgnoreCase(config.getAuthMode())) {
            LOG.warn("{\"event\":\"cursor_key_missing\",\"message\":\"ZEROSYNC_CURSOR_KEY is not set: cursors "
                    + "issued here are refused by every other instance\"}");
        }
    }
}
