package dev.tutorgate.monitoring;

import dev.tutorgate.budget.BudgetPeriod;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything read from the database for one summary, in one read transaction (one snapshot of the
 * ledger): the aggregate of the range, its exact percentiles, and the few other tables.
 *
 * @param spentByPeriod today, this week, this month: their ranges and what was spent in them
 * @param stars         feedback given in the range: stars → count
 * @param names         student id → name, for the top spenders
 */
record LedgerSnapshot(
        Aggregate aggregate,
        Summary.LatencyFigures ttft,
        Summary.LatencyFigures latency,
        List<PeriodSpend> spentByPeriod,
        Map<Integer, Long> stars,
        long reviewedCorrect,
        long reviewedIncorrect,
        long registeredStudents,
        Map<String, String> names,
        Instant readAt) {

    /** @param name how the budget names the period: "2026-11-28", "2026-W48", "2026-11" */
    /** @param budgetRefusals requests refused because a call's worst case no longer fit a budget */
    record PeriodSpend(BudgetPeriod period, Range range, String name, long spentPicos, long budgetRefusals) {
    }
}
