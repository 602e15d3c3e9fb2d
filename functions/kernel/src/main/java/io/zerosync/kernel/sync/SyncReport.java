package io.zerosync.kernel.sync;

import java.util.List;

/**
 * What one {@code sync} call did. Failures name the caller's references: a retryable one (the source
 * was unavailable) should come back later; a permanent one (the entity cannot be projected) should be
 * set aside (a DLQ) rather than retried forever.
 */
public record SyncReport(List<Failure> failures, int requested, int distinctIds, int skipped, int fetched,
                         int written, int unchanged, int deleted, List<ViewRow> rowsWritten) {

    public SyncReport {
        failures = List.copyOf(failures);
        rowsWritten = List.copyOf(rowsWritten);
    }

    public boolean ok() {
        return failures.isEmpty();
    }

    public record Failure(String ref, String id, String reason, boolean retryable) {
    }
}
