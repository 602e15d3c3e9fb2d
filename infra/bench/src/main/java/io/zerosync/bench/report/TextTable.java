package io.zerosync.bench.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints sections as one aligned table: figure, value, baseline, ratio, target and whether it is met. */
public final class TextTable {
    private static final String FORMAT = "%-52s %14s  %-30s %8s  %-14s %s%n";

    private TextTable() {
    }

    public static void print(List<Section> sections, PrintStream out) {
        for (Section section : sections) {
            out.println();
            out.println("== " + section.title());
            out.printf(Locale.ROOT, FORMAT, "figure", "value", "baseline (same run)", "ratio", "target", "");
            for (Figure f : section.figures()) {
                String baseline = f.baselineName() == null ? "-" : f.baselineName() + " " + number(f.baseline());
                String ratio = Double.isNaN(f.ratio()) ? "-" : String.format(Locale.ROOT, "%.2fx", f.ratio());
                String target = Double.isNaN(f.target()) ? "-" : (f.lowerIsBetter() ? "<= " : ">= ") + number(f.target());
                String met = f.met() == null ? "" : (f.met() ? "met" : "NOT MET");
                out.printf(Locale.ROOT, FORMAT, f.name(), number(f.value()) + " " + f.unit(), baseline, ratio, target, met);
            }
            section.notes().forEach(n -> out.println("  note: " + n));
        }
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
