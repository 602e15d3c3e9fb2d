package io.zerosync.functions.config;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.zerosync.aws.cloudwatch.CloudWatchQueueAge;
import io.zerosync.aws.jobs.DynamoDbJobStore;
import io.zerosync.aws.source.HttpSourceReader;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.sqs.QueueTagViewDirectory;
import io.zerosync.aws.sqs.SqsTaskQueue;
import io.zerosync.aws.sqs.SqsViewQueues;
import io.zerosync.kernel.port.JobStore;
import io.zerosync.kernel.recovery.JobWatchdog;
import io.zerosync.kernel.recovery.Reconciler;
import io.zerosync.kernel.recovery.ReimportService;
import io.zerosync.kernel.recovery.ReimportWorker;
import io.zerosync.kernel.port.TaskQueue;
import io.zerosync.kernel.port.ViewCatalog;
import io.zerosync.kernel.port.ViewQueues;
import io.zerosync.kernel.sync.SyncEngine;
import io.zerosync.kernel.sync.View;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Wires re-imports, reconciles and redrives for the admin API and the re-import worker. */
@Factory
public class RecoveryFactory {

    /** The queues under ZEROSYNC_VIEW_QUEUE_PREFIX and their tags, looked up again every minute. */
    @Singleton
    RegisteredViews registeredViews(ZerosyncConfig config, SqsClient sqs, Clock clock) {
        QueueTagViewDirectory directory = new QueueTagViewDirectory(sqs, config.getViewQueuePrefix());
        return new RegisteredViews(directory::views, clock);
    }

    /** The views as registered now; a view's source client and store are made again only when its views change. */
    @Singleton
    ViewCatalog viewCatalog(RegisteredViews registered, DynamoDbClient dynamo, ZerosyncConfig config, RequestAuth auth) {
        HttpClient http = HttpSourceReader.defaultClient();
        Supplier<List<View<?>>> views = registered.derived(defs -> defs.definitions().stream()
                .<View<?>>map(d -> ViewAssembly.of(d.projection(), d.decoder(),
                        ViewStores.of(dynamo, d.projection(), d.table(), d.key(),
                                ViewStores.categoryShards(d.settings(), config.getCategoryShards())),
                        d.sourceUrl(), auth, http))
                .toList());
        return views::get;
    }

    /**
     * Each view's queues. The oldest message's age comes from CloudWatch on AWS; off AWS there is none,
     * and the local cloud's pollers report the messages they are processing instead (its {@link OldestMessageAge}
     * bean); with neither, the age is unknown.
     */
    @Singleton
    ViewQueues viewQueues(RegisteredViews registered, SqsClient sqs, ZerosyncConfig config,
                          BeanProvider<CloudWatchClient> cloudWatch,
                          Optional<OldestMessageAge> local) {
        Supplier<Map<String, SqsViewQueues.Queues>> byView = registered.derived(defs -> {
            Map<String, SqsViewQueues.Queues> queues = new LinkedHashMap<>();
            defs.definitions().forEach(d -> queues.put(d.view(), new SqsViewQueues.Queues(d.queueUrl(), d.dlqUrl())));
            return queues;
        });
        Function<String, Long> age = "iam".equalsIgnoreCase(config.getAuthMode())
                ? new CloudWatchQueueAge(cloudWatch.get())
                : url -> local.flatMap(l -> l.oldestSeconds(url).stream().boxed().findFirst()).orElse(null);
        return new SqsViewQueues(sqs, byView, age);
    }

    @Singleton
    JobStore jobStore(DynamoDbClient dynamo, ZerosyncConfig config) {
        return new DynamoDbJobStore(dynamo, config.getReimportJobsTable(),
                Duration.ofSeconds(config.getReimportLeaseSeconds()));
    }

    @Singleton
    JobWatchdog jobWatchdog(JobStore jobs, Clock clock) {
        return new JobWatchdog(jobs, clock);
    }

    @Singleton
    TaskQueue taskQueue(SqsClient sqs, ZerosyncConfig config) {
        return new SqsTaskQueue(sqs, config.getReimportTaskQueueUrl());
    }

    @Singleton
    ReimportService reimportService(JobStore jobs, TaskQueue tasks, ViewCatalog views, Clock clock) {
        return new ReimportService(jobs, tasks, views, clock);
    }

    @Singleton
    ReimportWorker reimportWorker(JobStore jobs, TaskQueue tasks, ViewCatalog views, SyncEngine engine,
                                  ViewQueues queues, Clock clock) {
        return new ReimportWorker(jobs, tasks, views, engine, queues, clock);
    }

    @Singleton
    Reconciler reconciler(SyncEngine engine) {
        return new Reconciler(engine);
    }
}
