package dev.tutorgate.budget;

/** Which budget a reservation did not fit. */
public enum BudgetScope {
    APP_DAILY, APP_WEEKLY, APP_MONTHLY, STUDENT_DAILY, STUDENT_MONTHLY;

    public boolean isStudentCap() {
        return this == STUDENT_DAILY || this == STUDENT_MONTHLY;
    }
}
