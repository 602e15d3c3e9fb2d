package io.zerosync.functions.config;

import io.zerosync.core.sync.Projection;

import java.util.ArrayList;
import java.util.List;

/** Parses ZEROSYNC_VIEWS: {@code projectionClass|table|queueUrl|dlqUrl;...}. */
public record ViewDefinitions(List<Definition> definitions) {

    /** One view; its projection is created once, when the definition is read. */
    public record Definition(Projection projection, String table, String queueUrl, String dlqUrl) {
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
