package io.zerosync.functions.config;

import io.zerosync.aws.sqs.QueueTagViewDirectory;
import io.zerosync.core.sync.Projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read models this function works on: discovered from their queues' registration tags
 * ({@link QueueTagViewDirectory}, ZEROSYNC_VIEW_QUEUE_PREFIX), or parsed from the older ZEROSYNC_VIEWS form
 * {@code projectionClass|table|queueUrl|dlqUrl;...}.
 */
public record ViewDefinitions(List<Definition> definitions) {

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
        return new ViewDefinitions(directory.views().stream().map(r -> new Definition(SyncFactory.projection(r.projection()),
                r.table(), r.queueUrl(), r.dlqUrl(), r.view(), r.key(), r.source(), r.decoder(), r.settings())).toList());
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
