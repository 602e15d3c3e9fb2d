package io.zerosync.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Draws a job's progress: one redrawn line on a terminal, or a plain line every few seconds when the
 * output is a log (CI), so logs stay readable.
 */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private long lastPrinted;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(JsonNode job, boolean force) {
        long now = System.currentTimeMillis();
        if (!terminal && !force && now - lastPrinted < 3000) {
            return;
        }
        lastPrinted = now;
        String line = line(job);
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    void end() {
        if (terminal) {
            out.println();
        }
    }

    static String line(JsonNode job) {
        long processed = job.path("processed").asLong();
        long total = job.path("total").isNumber() ? job.path("total").asLong() : 0;
        double fraction = total > 0 ? Math.min(1.0, (double) processed / total) : 0;
        if ("succeeded".equals(job.path("state").asText())) {
            fraction = 1.0;
        }
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String eta = job.path("etaSeconds").isNumber() ? job.path("etaSeconds").asLong() + "s" : "-";
        return String.format(Locale.ROOT, "[%s] %3d%% %d/%s failed %d  %.0f/s  eta %s  %s", bar,
                Math.round(fraction * 100), processed, total > 0 ? Long.toString(total) : "?",
                job.path("failed").asLong(), job.path("ratePerSecond").asDouble(), eta, job.path("state").asText());
    }
}
