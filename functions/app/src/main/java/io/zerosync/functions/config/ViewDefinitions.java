package io.zerosync.functions.config;

import io.zerosync.aws.sqs.QueueTagViewDirectory;
import io.zerosync.kernel.port.EntityDecoder;
import io.zerosync.kernel.sync.Projection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * The read models this function works on, as their declarations registered them: discovered from their
 * queues' registration tags ({@link QueueTagViewDirectory}, ZEROSYNC_VIEW_QUEUE_PREFIX). A view added to the
 * template shows up here without an edit to any function.
 */
public record ViewDefinitions(List<Definition> definitions) {
    private static final Logger LOG = LoggerFactory.getLogger(ViewDefinitions.class);

    /**
     * One view; its projection and its source's decoder are created once, when the definition is read.
     * {@code view} is its name as registered, {@code key} its table's key attribute, {@code sourceUrl} its entity
     * collection's URL, {@code settings} its own {@code k=v,k=v} settings (may be empty).
     */
    public record Definition(String view, Projection<?> projection, EntityDecoder<?> decoder, String table,
                             String key, String queueUrl, String dlqUrl, String sourceUrl, String settings) {
    }

    /** The views the queues under the directory's prefix register. */
    public static ViewDefinitions discover(QueueTagViewDirectory directory) {
        return of(directory.views());
    }

    /** The views of these registrations, their projections and decoders created. */
    public static ViewDefinitions of(List<QueueTagViewDirectory.Registration> registrations) {
        List<Definition> definitions = new ArrayList<>();
        for (QueueTagViewDirectory.Registration r : registrations) {
            Projection<?> projection = SyncRoot.projection(r.projection());
            // Views are addressed by their projection's name (the admin API's {view}): a registration under
            // another name would shadow or be shadowed by the view of that name.
            if (!projection.view().equals(r.view())) {
                LOG.warn("view registration skipped {} {} {}", kv("event", "view_registration_mismatch"),
                        kv("registeredAs", r.view()), kv("projectionView", projection.view()));
                continue;
            }
            definitions.add(new Definition(r.view(), projection, ViewAssembly.decoder(r.decoder()), r.table(), r.key(),
                    r.queueUrl(), r.dlqUrl(), r.source(), r.settings()));
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
}
