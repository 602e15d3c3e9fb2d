package io.zerosync.functions.config;

import io.zerosync.kernel.port.EntityDecoder;
import io.zerosync.kernel.sync.Projection;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses ZEROSYNC_VIEWS: {@code projectionClass|table|queueUrl|dlqUrl[|keyAttribute|sourceUrl|decoderClass];...}.
 * A view without the last three reads the deployment's own source ({@code defaults}).
 */
public record ViewDefinitions(List<Definition> definitions) {

    /** One view; its projection and decoder are created once, when the definition is read. */
    public record Definition(Projection<?> projection, String table, String queueUrl, String dlqUrl,
                             String keyAttribute, String sourceUrl, EntityDecoder<?> decoder) {
    }

    /** Where a view that names no source of its own reads from. */
    public record SourceDefaults(String keyAttribute, String sourceUrl, String decoderClass) {
    }

    public static ViewDefinitions parse(String value, SourceDefaults defaults) {
        List<Definition> definitions = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return new ViewDefinitions(definitions);
        }
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split("\\|");
            if (parts.length != 4 && parts.length != 7) {
                throw new IllegalStateException("ZEROSYNC_VIEWS entry must be projectionClass|table|queueUrl|dlqUrl"
                        + "[|keyAttribute|sourceUrl|decoderClass]: " + entry);
            }
            boolean own = parts.length == 7;
            definitions.add(new Definition(SyncRoot.projection(parts[0].strip()), parts[1].strip(), parts[2].strip(),
                    parts[3].strip(), own ? parts[4].strip() : defaults.keyAttribute(),
                    own ? parts[5].strip() : defaults.sourceUrl(),
                    ViewAssembly.decoder(own ? parts[6].strip() : defaults.decoderClass())));
        }
        return new ViewDefinitions(List.copyOf(definitions));
    }
}
