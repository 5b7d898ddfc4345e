package dev.tutorgate.budget;

/** Which budget a reservation did not fit. */
public enum BudgetScope {
    APP_DAILY(BudgetPeriod.DAY), APP_WEEKLY(BudgetPeriod.WEEK), APP_MONTHLY(BudgetPeriod.MONTH),
    STUDENT_DAILY(BudgetPeriod.DAY), STUDENT_MONTHLY(BudgetPeriod.MONTH);

    private final BudgetPeriod period;

    BudgetScope(BudgetPeriod period) {
        this.period = period;
    }

    public boolean isStudentCap() {
        return this == STUDENT_DAILY || this == STUDENT_MONTHLY;
    }

    /** How long this budget's period is. */
    public BudgetPeriod period() {
        return period;
    }
}
