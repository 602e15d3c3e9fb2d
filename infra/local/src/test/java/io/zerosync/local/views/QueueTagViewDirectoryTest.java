package io.zerosync.local.views;

import io.zerosync.aws.sqs.QueueTagViewDirectory;
import io.zerosync.local.emulators.ElasticMqServer;
import io.zerosync.local.emulators.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** View discovery against ElasticMQ: the queues under the prefix, their tags, every page of ListQueues. */
class QueueTagViewDirectoryTest {
    private static ElasticMqServer server;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = ElasticMqServer.start(0);
        sqs = LocalAws.syncClient(SqsClient.builder(), server.endpoint());
        for (String view : List.of("alpha", "beta", "gamma")) {
            String dlq = sqs.createQueue(r -> r.queueName("stk-view-" + view + "-dlq")).queueUrl();
            Map<String, String> tags = registration(view, dlq);
            sqs.createQueue(r -> r.queueName("stk-view-" + view).tags(tags));
        }
        // Under the prefix but no view: a subscription's DLQ (untagged), a queue with some tags only.
        sqs.createQueue(r -> r.queueName("stk-view-undeliverable"));
        sqs.createQueue(r -> r.queueName("stk-view-partial").tags(Map.of("zerosync:view", "partial")));
        // Another stack's view: not under this prefix.
        sqs.createQueue(r -> r.queueName("other-view-alpha").tags(registration("alpha", "x")));
    }

    private static Map<String, String> registration(String view, String dlq) {
        Map<String, String> tags = new HashMap<>();
        tags.put("zerosync:view", view);
        tags.put("zerosync:projection", "com.example." + view);
        tags.put("zerosync:table", "stk-view-" + view);
        tags.put("zerosync:key", "shopId");
        tags.put("zerosync:dlq", dlq);
        tags.put("zerosync:source", "https://source/dev/internal/shops");
        tags.put("zerosync:decoder", "com.example.Decoder");
        tags.put("zerosync:settings", view.equals("beta") ? "categoryShards=4" : "");
        return tags;
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.close();
    }

    @Test
    void yieldsOneRegistrationPerTaggedViewQueue_skippingDlqsStrangersAndOtherStacks() {
        List<QueueTagViewDirectory.Registration> views = new QueueTagViewDirectory(sqs, "stk-view-").views();
        assertEquals(List.of("alpha", "beta", "gamma"), views.stream().map(QueueTagViewDirectory.Registration::view).toList());
        QueueTagViewDirectory.Registration beta = views.get(1);
        assertEquals(sqs.getQueueUrl(r -> r.queueName("stk-view-beta")).queueUrl(), beta.queueUrl());
        assertEquals(sqs.getQueueUrl(r -> r.queueName("stk-view-beta-dlq")).queueUrl(), beta.dlqUrl());
        assertEquals("stk-view-beta", beta.table());
        assertEquals("shopId", beta.key());
        assertEquals("com.example.beta", beta.projection());
        assertEquals("https://source/dev/internal/shops", beta.source());
        assertEquals("com.example.Decoder", beta.decoder());
        assertEquals("categoryShards=4", beta.settings());
        assertEquals("", views.get(0).settings());
    }

    @Test
    void readsEveryPageOfListQueues() {
        // 8 queues under the prefix, 2 a page: the views on later pages are found too.
        assertEquals(List.of("alpha", "beta", "gamma"), new QueueTagViewDirectory(sqs, "stk-view-", 2).views().stream()
                .map(QueueTagViewDirectory.Registration::view).toList());
    }

    @Test
    void refusesABlankPrefix() {
        assertThrows(IllegalArgumentException.class, () -> new QueueTagViewDirectory(sqs, " "));
    }
}
