package io.zerosync.functions.config;

import io.zerosync.aws.sqs.QueueTagViewDirectory;
import io.zerosync.core.sync.Projection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * The read models this function works on: discovered from their queues' registration tags
 * ({@link QueueTagViewDirectory}, ZEROSYNC_VIEW_QUEUE_PREFIX), or parsed from the older ZEROSYNC_VIEWS form
 * {@code projectionClass|table|queueUrl|dlqUrl;...}.
 */
public record ViewDefinitions(List<Definition> definitions) {
    private static final Logger LOG = LoggerFactory.getLogger(ViewDefinitions.class);

    /**
     * One view; its projection is created once, when the definition is read. {@code view} is its name as
     * registered, {@code key} its table's key, {@code source} its entity collection's URL, {@code decoder} the
     * class decoding it, {@code settings} its own {@code k=v,k=v} settings (empty strings when not registered).
     */
    public record Definition(Projection projection, String table, String queueUrl, String dlqUrl,
                             String view, String key, String source, String decoder, String settings) {

        public Definition(Projection projection, String table, String queueUrl, String dlqUrl) {
            this(projection, table, queueUrl, dlqUrl, projection.view(), "", "", "", "");
        }
    }

    /** The views the queues under the directory's prefix register. */
    public static ViewDefinitions discover(QueueTagViewDirectory directory) {
        List<Definition> definitions = new ArrayList<>();
        for (QueueTagViewDirectory.Registration r : directory.views()) {
            Projection projection = SyncFactory.projection(r.projection());
            // Views are addressed by their projection's name (the admin API's {view}): a registration under
            // another name would shadow or be shadowed by the view of that name.
            if (!projection.view().equals(r.view())) {
                LOG.warn("view registration skipped {} {} {}", kv("event", "view_registration_mismatch"),
                        kv("registeredAs", r.view()), kv("projectionView", projection.view()));
                continue;
            }
            definitions.add(new Definition(projection, r.table(), r.queueUrl(), r.dlqUrl(), r.view(), r.key(), r.source(),
                    r.decoder(), r.settings()));
        }
        return new ViewDefinitions(List.copyOf(definitions));
    }

    /** The view registered as {@code name}. */
    public Optional<Definition> named(String name) {
        return definitions.stream().filter(d -> d.view().equals(name)).findFirst();
    }

    /** The table of the view registered as {@code name}; fails naming the views there are. */
    public String tableOf(String name) {
        return named(name).map(Definition::table).orElseThrow(() -> new IllegalStateException("no view " + name
                + " is registered (found " + definitions.stream().map(Definition::view).toList() + ")"));
    }

    public static ViewDefinitions parse(String value) {
        List<Definition> definitions = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return new ViewDefinitions(definitions);
        }
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split("\\|");
            if (parts.length != 4) {
                throw new IllegalStateException("ZEROSYNC_VIEWS entry must be projectionClass|table|queueUrl|dlqUrl: " + entry);
            }
            definitions.add(new Definition(SyncFactory.projection(parts[0].strip()), parts[1].strip(), parts[2].strip(),
                    parts[3].strip()));
        }
        return new ViewDefinitions(List.copyOf(definitions));
    }
}
