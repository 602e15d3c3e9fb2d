package io.zerosync.aws.sqs;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the read models by their queues: each view's stack (infra/templates/view.yaml) names its queue
 * {@code <prefix><view>} and tags it with its registration. Lists the queues whose names start with the prefix
 * (every page), reads their tags, and skips DLQs and queues without the registration tags. The admin API, the
 * re-import worker and the query function call it once per instance: adding a view edits none of them.
 */
public final class QueueTagViewDirectory {
    public static final String VIEW = "zerosync:view";
    public static final String PROJECTION = "zerosync:projection";
    public static final String TABLE = "zerosync:table";
    public static final String KEY = "zerosync:key";
    public static final String DLQ = "zerosync:dlq";
    public static final String SOURCE = "zerosync:source";
    public static final String DECODER = "zerosync:decoder";
    public static final String SETTINGS = "zerosync:settings";
    private static final List<String> REQUIRED = List.of(VIEW, PROJECTION, TABLE, KEY, DLQ);

    /** One view as its queue registers it; {@code settings} is {@code k=v,k=v} or empty. */
    public record Registration(String view, String projection, String table, String key, String queueUrl,
                               String dlqUrl, String source, String decoder, String settings) {
    }

    private final SqsClient sqs;
    private final String prefix;
    private final int pageSize;

    public QueueTagViewDirectory(SqsClient sqs, String prefix) {
        this(sqs, prefix, 1000);
    }

    /** {@code pageSize}: ListQueues' MaxResults (1-1000); smaller only to see the paging work. */
    public QueueTagViewDirectory(SqsClient sqs, String prefix, int pageSize) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("the view queue prefix (ZEROSYNC_VIEW_QUEUE_PREFIX) is not set");
        }
        this.sqs = sqs;
        this.prefix = prefix;
        this.pageSize = pageSize;
    }

    /** The registered views, by view name. */
    public List<Registration> views() {
        List<Registration> views = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListQueuesResponse response = sqs.listQueues(r -> r.queueNamePrefix(prefix).maxResults(pageSize).nextToken(page));
            for (String url : response.queueUrls()) {
                Map<String, String> tags = sqs.listQueueTags(r -> r.queueUrl(url)).tags();
                // A DLQ, a subscription's DLQ or a stranger under the prefix carries no registration.
                if (!tags.keySet().containsAll(REQUIRED) || url.equals(tags.get(DLQ))) {
                    continue;
                }
                views.add(new Registration(tags.get(VIEW), tags.get(PROJECTION), tags.get(TABLE), tags.get(KEY), url,
                        tags.get(DLQ), tags.getOrDefault(SOURCE, ""), tags.getOrDefault(DECODER, ""),
                        tags.getOrDefault(SETTINGS, "")));
            }
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        views.sort(Comparator.comparing(Registration::view));
        return List.copyOf(views);
    }
}
