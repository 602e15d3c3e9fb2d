package io.zerosync.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes every section's figures, charts' data and details to one JSON file, and reads the charts back. */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static void write(Path file, Map<String, Object> run, List<Section> sections) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("run", JSON.valueToTree(run));
        ObjectNode parts = root.putObject("sections");
        for (Section section : sections) {
            ObjectNode node = parts.putObject(section.name());
            node.put("title", section.title());
            ArrayNode figures = node.putArray("figures");
            for (Figure f : section.figures()) {
                ObjectNode fig = figures.addObject();
                fig.put("name", f.name());
                number(fig, "value", f.value());
                fig.put("unit", f.unit());
                if (f.baselineName() != null) {
                    fig.put("baselineName", f.baselineName());
                    number(fig, "baseline", f.baseline());
                    number(fig, "ratio", f.ratio());
                }
                if (f.met() != null) {
                    number(fig, "target", f.target());
                    fig.put("targetIs", f.lowerIsBetter() ? "max" : "min");
                    fig.put("met", f.met());
                }
            }
            node.set("charts", JSON.valueToTree(section.charts()));
            node.set("details", JSON.valueToTree(section.details()));
            node.set("notes", JSON.valueToTree(section.notes()));
        }
        JSON.writeValue(file.toFile(), root);
    }

    /** The charts a report holds, to draw them again without running the bench. */
    public static List<Chart> charts(Path file) throws IOException {
        List<Chart> charts = new ArrayList<>();
        for (JsonNode section : JSON.readTree(file.toFile()).path("sections")) {
            for (JsonNode chart : section.path("charts")) {
                charts.add(JSON.treeToValue(chart, Chart.class));
            }
        }
        return charts;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
