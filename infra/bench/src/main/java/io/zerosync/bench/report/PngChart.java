package io.zerosync.bench.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Chart} as a PNG with Java2D (headless): axes, ticks, one coloured line per series, or grouped bars
 * when the x axis holds categories.
 */
public final class PngChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final int LEFT = 80;
    private static final int RIGHT = 200;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};

    private PngChart() {
    }

    public static Path write(Chart chart, Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(chart, g);
        } finally {
            g.dispose();
        }
        Path file = directory.resolve(chart.fileName() + ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static void draw(Chart chart, Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double[] bounds = chart.xCategories().isEmpty() ? bounds(chart.series())
                : categoryBounds(chart.xCategories().size(), bounds(chart.series()));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(chart.title(), LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        for (int i = 0; i <= 5; i++) {
            double xv = bounds[0] + (bounds[1] - bounds[0]) * i / 5;
            double yv = bounds[2] + (bounds[3] - bounds[2]) * i / 5;
            int x = LEFT + plotW * i / 5;
            int y = TOP + plotH - plotH * i / 5;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT + 1, y, LEFT + plotW, y);
            g.setColor(Color.BLACK);
            if (chart.xCategories().isEmpty()) {
                g.drawString(tick(xv), x - 12, TOP + plotH + 18);
            }
            g.drawString(tick(yv), LEFT - 8 - g.getFontMetrics().stringWidth(tick(yv)), y + 4);
        }
        for (int c = 0; c < chart.xCategories().size(); c++) {
            String name = chart.xCategories().get(c);
            int x = LEFT + (int) Math.round(plotW * (c + 1 - bounds[0]) / (bounds[1] - bounds[0]));
            g.drawString(name, x - g.getFontMetrics().stringWidth(name) / 2, TOP + plotH + 18);
        }
        g.drawString(chart.xLabel(), LEFT + plotW / 2 - g.getFontMetrics().stringWidth(chart.xLabel()) / 2, HEIGHT - 15);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(chart.yLabel(), -(TOP + plotH / 2) - g.getFontMetrics().stringWidth(chart.yLabel()) / 2, 20);
        rotated.dispose();

        List<Chart.Series> series = chart.series();
        for (int s = 0; s < series.size(); s++) {
            Color color = PALETTE[s % PALETTE.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2f));
            int[] prev = null;
            for (double[] p : series.get(s).points()) {
                int x = LEFT + (int) Math.round(plotW * (p[0] - bounds[0]) / (bounds[1] - bounds[0]));
                int y = TOP + plotH - (int) Math.round(plotH * (p[1] - bounds[2]) / (bounds[3] - bounds[2]));
                if (!chart.xCategories().isEmpty()) {
                    // Categories have no order between them: grouped bars, not a line through them.
                    int bar = plotW / chart.xCategories().size() / (series.size() + 1);
                    int left = x - bar * series.size() / 2 + s * bar;
                    g.fillRect(left, Math.min(y, TOP + plotH), Math.max(1, bar - 2), Math.abs(TOP + plotH - y));
                    continue;
                }
                g.fillOval(x - 3, y - 3, 6, 6);
                if (prev != null) {
                    g.drawLine(prev[0], prev[1], x, y);
                }
                prev = new int[]{x, y};
            }
            g.fillRect(LEFT + plotW + 15, TOP + 10 + s * 20, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s).name(), LEFT + plotW + 32, TOP + 21 + s * 20);
        }
    }

    /** minX, maxX, minY (0 unless negative), maxY, each widened so a flat series still has a range. */
    private static double[] bounds(List<Chart.Series> series) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = 0, maxY = -Double.MAX_VALUE;
        for (Chart.Series s : series) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (minX == Double.MAX_VALUE) {
            return new double[]{0, 1, 0, 1};
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY <= minY) {
            maxY = minY + 1;
        }
        return new double[]{minX, maxX, minY, maxY * 1.1};
    }

    /** Categories sit at 1..n with half a step of room on either side; y as for numbers. */
    private static double[] categoryBounds(int categories, double[] numeric) {
        return new double[]{0.5, categories + 0.5, numeric[2], numeric[3]};
    }

    private static String tick(double v) {
        return Math.abs(v) >= 10 || v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
