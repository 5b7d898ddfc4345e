package dev.tutorgate.budget;

import java.util.List;

/** The budgets' figures right now, for the dashboard and metrics. */
public interface BudgetStatusSource {
    /** The application's configured budgets (daily, then weekly and monthly when set). */
    List<BudgetStatus> appStatus();

    /** One student's configured caps (empty when none are configured). */
    List<BudgetStatus> studentStatus(String studentId);
}
