package io.zerosync.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one bench part measured: its figures (printed as table rows), charts, free-form details for the
 * JSON (raw samples, run parameters), and notes worth printing under the table.
 */
public final class Section {
    private final String name;
    private final String title;
    private final List<Figure> figures = new ArrayList<>();
    private final List<Chart> charts = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public Section(String name, String title) {
        this.name = name;
        this.title = title;
    }

    public Section figure(Figure figure) {
        figures.add(figure);
        return this;
    }

    public Section chart(Chart chart) {
        charts.add(chart);
        return this;
    }

    /** A value for the JSON only: anything Jackson can write (numbers, strings, lists, maps, records). */
    public Section detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    public Section note(String note) {
        notes.add(note);
        return this;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    public List<Chart> charts() {
        return List.copyOf(charts);
    }

    public Map<String, Object> details() {
        return Map.copyOf(details);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}
