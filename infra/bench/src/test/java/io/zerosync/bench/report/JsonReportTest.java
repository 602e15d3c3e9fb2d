package io.zerosync.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportTest {

    @Test
    void aReportsChartsComeBackAsTheyWereWritten_andDrawAgain(@TempDir Path dir) throws Exception {
        Chart bars = new Chart("cost", "Cost", "service", "$", List.of(
                new Chart.Series("ours", List.of(new double[]{1, 4.08}, new double[]{2, 0.94})),
                new Chart.Series("naive", List.of(new double[]{1, 10.5}, new double[]{2, 2.59}))),
                List.of("API Gateway", "Lambda"));
        Chart lines = new Chart("lag", "Lag", "rate", "ms", List.of(
                new Chart.Series("view", List.of(new double[]{10, 11}, new double[]{50, 30}))));
        Path file = dir.resolve("bench.json");
        JsonReport.write(file, Map.of("cores", 2), List.of(new Section("cost", "Cost").chart(bars),
                new Section("lag", "Lag").chart(lines)));

        List<Chart> read = JsonReport.charts(file);

        assertEquals(2, read.size());
        assertEquals(bars.xCategories(), read.get(0).xCategories());
        assertEquals(List.of(), read.get(1).xCategories());
        assertArrayEquals(new double[]{2, 2.59}, read.get(0).series().get(1).points().get(1));
        assertArrayEquals(new double[]{50, 30}, read.get(1).series().get(0).points().get(1));
        BufferedImage image = ImageIO.read(PngChart.write(read.get(0), dir).toFile());
        assertEquals(900, image.getWidth());
        assertTrue(pixelsOf(image, 0x1f77b4) > 500, "the first series' bars are drawn in its colour");
    }

    /** How many pixels of the plot area have exactly this colour. */
    private static int pixelsOf(BufferedImage image, int rgb) {
        int count = 0;
        for (int x = 81; x < 700; x++) {
            for (int y = 50; y < 440; y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
