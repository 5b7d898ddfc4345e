package dev.tutorgate.budget;

/**
 * The budgets that can never be overspent: the application's daily (and optional weekly and
 * monthly) budget and optional per-student caps. Reserve before a call, settle after it.
 * Thread-safe; never holds a lock while a provider streams.
 */
public interface BudgetGuard {
    /**
     * Holds {@code worstCasePicos} against every budget that applies to the student, all or
     * nothing. Throws if any budget cannot hold it (the caller may degrade and try a cheaper one).
     */
    Reservation reserve(String studentId, long worstCasePicos) throws BudgetExceededException;
}
