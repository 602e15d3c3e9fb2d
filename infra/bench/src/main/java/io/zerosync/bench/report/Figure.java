package io.zerosync.bench.report;

/**
 * One measured figure beside the baseline it is judged against (measured in the same run), and the target
 * it must meet, if any. {@code lowerIsBetter} tells which side of the target passes.
 *
 * @param baseline  the same quantity measured for the baseline in the same process, or NaN when none applies
 * @param target    the limit the issue sets, or NaN
 */
public record Figure(String name, double value, String unit, String baselineName, double baseline,
                     double target, boolean lowerIsBetter) {

    public static Figure of(String name, double value, String unit) {
        return new Figure(name, value, unit, null, Double.NaN, Double.NaN, true);
    }

    public Figure against(String baselineName, double baseline) {
        return new Figure(name, value, unit, baselineName, baseline, target, lowerIsBetter);
    }

    public Figure atMost(double limit) {
        return new Figure(name, value, unit, baselineName, baseline, limit, true);
    }

    public Figure atLeast(double limit) {
        return new Figure(name, value, unit, baselineName, baseline, limit, false);
    }

    /** value / baseline, or NaN without a baseline. */
    public double ratio() {
        return Double.isNaN(baseline) || baseline == 0 ? Double.NaN : value / baseline;
    }

    /** True, false, or null when there is no target. */
    public Boolean met() {
        if (Double.isNaN(target)) {
            return null;
        }
        return lowerIsBetter ? value <= target : value >= target;
    }
}
