package io.zerosync.kernel.recovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a view differs from the source, by class:
 * <ul>
 *   <li>missing: live in the source, absent from the view (or only a deletion marker older than it);</li>
 *   <li>stale: the view's row is at an older version;</li>
 *   <li>orphan: a live row for an entity the source does not have (unknown, or deleted at a version not
 *       older than the row's);</li>
 *   <li>divergent: same version, but other content than the current projection makes of the source, or
 *       written by an older projection version;</li>
 *   <li>ahead: the row (or a deletion marker) is at a newer version than the source's state (live, or
 *       its tombstone), as after a point-in-time restore of the write table.</li>
 * </ul>
 */
public record Drift(List<String> missing, List<String> stale, List<String> orphan, List<String> divergent,
                    List<String> ahead) {
    public static final int SAMPLE = 20;
    /** The classes by name, in the order reports show them. */
    public static final List<String> CLASSES = List.of("missing", "stale", "orphan", "divergent", "ahead");

    public Drift {
        missing = List.copyOf(missing);
        stale = List.copyOf(stale);
        orphan = List.copyOf(orphan);
        divergent = List.copyOf(divergent);
        ahead = List.copyOf(ahead);
    }

    public boolean none() {
        return missing.isEmpty() && stale.isEmpty() && orphan.isEmpty() && divergent.isEmpty() && ahead.isEmpty();
    }

    public int total() {
        return missing.size() + stale.size() + orphan.size() + divergent.size() + ahead.size();
    }

    /** The IDs a rebuild sync repairs: missing, stale, divergent and orphan ({@link #ahead} needs a restore). */
    public List<String> rebuildable() {
        List<String> ids = new ArrayList<>(missing);
        ids.addAll(stale);
        ids.addAll(divergent);
        ids.addAll(orphan);
        return ids;
    }

    /** The IDs of one class by name (see {@link #CLASSES}). */
    public List<String> of(String driftClass) {
        return switch (driftClass) {
            case "missing" -> missing;
            case "stale" -> stale;
            case "orphan" -> orphan;
            case "divergent" -> divergent;
            case "ahead" -> ahead;
            default -> throw new IllegalArgumentException("no drift class " + driftClass);
        };
    }

    /** The non-empty classes and their IDs. */
    public Map<String, List<String>> byClass() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        CLASSES.forEach(c -> {
            if (!of(c).isEmpty()) {
                out.put(c, of(c));
            }
        });
        return out;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("missing", part(missing));
        json.put("stale", part(stale));
        json.put("orphan", part(orphan));
        json.put("divergent", part(divergent));
        json.put("ahead", part(ahead));
        return json;
    }

    private static Map<String, Object> part(List<String> ids) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", ids.size());
        json.put("sample", ids.subList(0, Math.min(SAMPLE, ids.size())));
        return json;
    }
}
