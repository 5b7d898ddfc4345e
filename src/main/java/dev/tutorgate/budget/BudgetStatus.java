package dev.tutorgate.budget;

import java.time.Instant;

/**
 * One budget right now, for the dashboard, metrics and alerts.
 *
 * @param studentId null for the application's budgets
 * @param period    the current period: start, end (exclusive) and label ("2026-11-28")
 */
public record BudgetStatus(
        BudgetScope scope,
        String studentId,
        BudgetPeriod.Window period,
        long limitPicos,
        long spentPicos,
        long reservedPicos) {

    /** What new reservations may still take (never negative). */
    public long remainingPicos() {
        return Math.max(0, limitPicos - spentPicos - reservedPicos);
    }

    public Instant periodStart() {
        return period.start();
    }

    public Instant periodEnd() {
        return period.end();
    }
}
