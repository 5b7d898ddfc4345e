package dev.tutorgate.scaling;

import java.util.List;

/**
 * What the advisor says about a range, as the dashboard, {@code GET /api/admin/summary} and
 * {@code tutorgate report} show it: the thresholds table read with the student count, a headline,
 * and every piece of advice (most urgent first) with the numbers that led to it.
 *
 * @param students the count the table is read with
 * @param row      the table's row for that count
 * @param table    the whole thresholds table
 * @param headline "120 students: Tier 1 + aggressive optimisation ($350–900 a month); 1 critical, 1 warning."
 * @param advice   the advisor's advice, most urgent first; always holds the tier verdict
 */
public record ScalingReport(long students, ScalingThresholds.Row row, List<ScalingThresholds.Row> table,
                            String headline, List<Advice> advice) {
    public ScalingReport {
        table = List.copyOf(table);
        advice = List.copyOf(advice);
    }

    static ScalingReport of(long students, List<Advice> advice) {
        ScalingThresholds.Row row = ScalingThresholds.rowFor(students);
        long critical = advice.stream().filter(a -> a.level() == Advice.Level.CRITICAL).count();
        long warnings = advice.stream().filter(a -> a.level() == Advice.Level.WARNING).count();
        String urgent = critical + warnings == 0 ? "nothing urgent"
                : critical == 0 ? Fact.amount(warnings, "warnings")
                : warnings == 0 ? critical + " critical"
                : critical + " critical, " + Fact.amount(warnings, "warnings");
        String headline = Fact.amount(students, "students") + ": " + row.recommendation() + " (" + row.monthlyCost()
                + " a month); " + urgent + ".";
        return new ScalingReport(students, row, ScalingThresholds.TABLE, headline, advice);
    }
}
