package io.zerosync.core.recovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a view differs from the source. missing: live in the source, absent from the view; stale: the
 * view's row is older; orphan: a live row in the view for a shop the source does not have.
 */
public record Drift(List<String> missing, List<String> stale, List<String> orphan) {
    public static final int SAMPLE = 20;

    public Drift {
        missing = List.copyOf(missing);
        stale = List.copyOf(stale);
        orphan = List.copyOf(orphan);
    }

    public boolean none() {
        return missing.isEmpty() && stale.isEmpty() && orphan.isEmpty();
    }

    public List<String> all() {
        List<String> ids = new ArrayList<>(missing);
        ids.addAll(stale);
        ids.addAll(orphan);
        return ids;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("missing", part(missing));
        json.put("stale", part(stale));
        json.put("orphan", part(orphan));
        return json;
    }

    private static Map<String, Object> part(List<String> ids) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", ids.size());
        json.put("sample", ids.subList(0, Math.min(SAMPLE, ids.size())));
        return json;
    }
}
