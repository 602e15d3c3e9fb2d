package io.zerosync.bench.report;

import java.util.List;

/**
 * A line chart to draw as PNG: named series of (x, y) points over shared axes. {@code fileName} is the PNG's
 * name in the output directory, without extension.
 */
public record Chart(String fileName, String title, String xLabel, String yLabel, List<Series> series) {

    public record Series(String name, List<double[]> points) {
    }
}
