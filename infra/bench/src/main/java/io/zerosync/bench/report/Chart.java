package io.zerosync.bench.report;

import java.util.List;

/**
 * A chart to draw as PNG: named series of (x, y) points over shared axes. {@code fileName} is the PNG's
 * name in the output directory, without extension. With {@code xCategories}, x is a category's position
 * (1, 2, ...) and the axis is labelled with the categories' names instead of numbers (drawn as grouped bars).
 */
public record Chart(String fileName, String title, String xLabel, String yLabel, List<Series> series,
                    List<String> xCategories) {

    public Chart(String fileName, String title, String xLabel, String yLabel, List<Series> series) {
        this(fileName, title, xLabel, yLabel, series, List.of());
    }

    public record Series(String name, List<double[]> points) {
    }
}
