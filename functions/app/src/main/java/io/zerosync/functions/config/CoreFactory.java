package io.zerosync.functions.config;

import io.zerosync.shop.domain.Shop;
import io.micronaut.context.annotation.Factory;
import io.zerosync.aws.dynamodb.DynamoDbWriteStore;
import io.zerosync.aws.sns.SnsChangeAnnouncer;
import io.zerosync.kernel.outbox.AnnouncementSweeper;
import io.zerosync.shop.command.ShopCommands;
import io.zerosync.kernel.port.ChangeAnnouncer;
import io.zerosync.shop.port.WriteStore;
import io.zerosync.shop.source.ShopSourceQueries;
import io.zerosync.functions.outbox.OutboxMetrics;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.time.Duration;

/** Wires the core's use cases to their AWS adapters. The core itself knows nothing of Micronaut. */
@Factory
public class CoreFactory {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    WriteStore writeStore(DynamoDbClient dynamo, ZerosyncConfig config, Clock clock) {
        return new DynamoDbWriteStore(dynamo, config.getShopsTable(), config.getIdempotencyTable(),
                Duration.ofDays(config.getTombstoneTtlDays()), Duration.ofHours(config.getIdempotencyTtlHours()),
                config.getIndexShards(), Duration.ofSeconds(config.getExportSettleSeconds()), clock);
    }

    @Singleton
    ChangeAnnouncer changeAnnouncer(SnsClient sns, ZerosyncConfig config) {
        return new SnsChangeAnnouncer(sns, config.getShopChangedTopicArn());
    }

    @Singleton
    ShopCommands shopCommands(WriteStore store, ChangeAnnouncer announcer, Clock clock, OutboxMetrics outbox) {
        return new ShopCommands(store, announcer, clock, outbox::deferred);
    }

    @Singleton
    AnnouncementSweeper announcementSweeper(WriteStore store, ChangeAnnouncer announcer, Clock clock) {
        return new AnnouncementSweeper(store, Shop.ENTITY_TYPE, announcer, clock);
    }

    @Singleton
    ShopSourceQueries shopSource(WriteStore store) {
        return new ShopSourceQueries(store);
    }
}
