package io.zerosync.local.esm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSourceMappingSpecTest {
    private static final String URL = "http://localhost:9324/000000000000/shop-detail";
    private static final String ARN = "arn:aws:sqs:us-east-1:123456789012:shop-detail";
    private static final String FIFO_ARN = "arn:aws:sqs:us-east-1:123456789012:shop-detail.fifo";

    private static EventSourceMappingSpec.Builder spec() {
        return EventSourceMappingSpec.builder("ShopDetailSyncFunction", URL, ARN);
    }

    @Test
    void usesLambdasDefaults_whenOnlyTheRequiredValuesAreGiven() {
        EventSourceMappingSpec spec = spec().build();

        assertEquals(10, spec.batchSize());
        assertEquals(Duration.ZERO, spec.maximumBatchingWindow());
        assertFalse(spec.reportBatchItemFailures());
        assertEquals(1, spec.maximumConcurrency());
        assertEquals(Duration.ofSeconds(3), spec.functionTimeout());
        assertEquals(128, spec.memorySizeMb());
        assertEquals("us-east-1", spec.queueArn().region());
        assertEquals("123456789012", spec.queueArn().accountId());
    }

    @Test
    void rejectsBatchSize_whenOutsideOneToTenThousand() {
        assertThrows(IllegalArgumentException.class, () -> spec().batchSize(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> spec().batchSize(10_001).maximumBatchingWindow(Duration.ofSeconds(1)).build());
        assertDoesNotThrow(() -> spec().batchSize(10_000).maximumBatchingWindow(Duration.ofSeconds(1)).build());
    }

    @Test
    void rejectsBatchSizeAboveTen_whenTheBatchingWindowIsUnderOneSecond() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> spec().batchSize(11).build());
        assertTrue(rejected.getMessage().contains("at least 1 s"), rejected.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> spec().batchSize(11).maximumBatchingWindow(Duration.ofMillis(500)).build());
        assertDoesNotThrow(() -> spec().batchSize(11).maximumBatchingWindow(Duration.ofSeconds(1)).build());
    }

    @Test
    void rejectsBatchingWindow_whenNegativeOrAboveThreeHundredSeconds() {
        assertThrows(IllegalArgumentException.class, () -> spec().maximumBatchingWindow(Duration.ofSeconds(301)).build());
        assertThrows(IllegalArgumentException.class, () -> spec().maximumBatchingWindow(Duration.ofMillis(-1)).build());
        assertDoesNotThrow(() -> spec().maximumBatchingWindow(Duration.ofSeconds(300)).build());
    }

    @Test
    void limitsBatchSizeToTenAndRefusesAWindow_whenTheQueueIsFifo() {
        assertThrows(IllegalArgumentException.class, () -> EventSourceMappingSpec.builder("Fn", URL + ".fifo", FIFO_ARN)
                .batchSize(11).maximumBatchingWindow(Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> EventSourceMappingSpec.builder("Fn", URL + ".fifo", FIFO_ARN)
                .maximumBatchingWindow(Duration.ofSeconds(1)).build());
        assertDoesNotThrow(() -> EventSourceMappingSpec.builder("Fn", URL + ".fifo", FIFO_ARN).batchSize(10).build());
    }

    @Test
    void rejectsConcurrencyTimeoutAndMemory_whenOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> spec().maximumConcurrency(0).build());
        assertThrows(IllegalArgumentException.class, () -> spec().maximumConcurrency(1001).build());
        assertThrows(IllegalArgumentException.class, () -> spec().functionTimeout(Duration.ofMillis(999)).build());
        assertThrows(IllegalArgumentException.class, () -> spec().functionTimeout(Duration.ofSeconds(901)).build());
        assertThrows(IllegalArgumentException.class, () -> spec().memorySizeMb(127).build());
        assertThrows(IllegalArgumentException.class, () -> spec().memorySizeMb(10_241).build());
    }

    @Test
    void rejectsNamesAndArns_whenLambdaWouldNot() {
        assertThrows(IllegalArgumentException.class, () -> EventSourceMappingSpec.builder("has space", URL, ARN).build());
        assertThrows(IllegalArgumentException.class, () -> EventSourceMappingSpec.builder("x".repeat(65), URL, ARN).build());
        assertThrows(IllegalArgumentException.class, () -> EventSourceMappingSpec.builder("Fn", " ", ARN).build());
        assertThrows(IllegalArgumentException.class, () -> EventSourceMappingSpec.builder("Fn", URL, "arn:aws:sns:us-east-1:1:t"));
        assertThrows(IllegalArgumentException.class, () -> EventSourceMappingSpec.builder("Fn", URL, "shop-detail"));
    }
}
