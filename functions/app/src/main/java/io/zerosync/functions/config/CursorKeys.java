package io.zerosync.functions.config;

import io.micronaut.context.annotation.Context;
import io.zerosync.aws.dynamodb.CursorKey;

/**
 * Installs the stack's cursor key at start-up, before any request can issue or accept a cursor. The
 * functions that page (CommandApi, QueryApi, AdminApi, ReimportWorker) list ZEROSYNC_CURSOR_KEY as
 * required and TemplateAgreementTest holds template.yaml to that; the other functions never touch a
 * cursor and keep the random per-process key, so a missing key is not an error here.
 */
@Context
public class CursorKeys {
    public CursorKeys(ZerosyncConfig config) {
        String secret = config.getCursorKey();
        if (secret != null && !secret.isBlank()) {
            CursorKey.use(secret);
        }
    }
}
