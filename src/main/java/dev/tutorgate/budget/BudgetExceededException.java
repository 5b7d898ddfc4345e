package dev.tutorgate.budget;

import java.time.Duration;

/** A reservation does not fit a budget; {@link #retryAfter()} is the time until that budget's next period. */
public class BudgetExceededException extends Exception {
    private final BudgetScope scope;
    private final Duration retryAfter;

    public BudgetExceededException(BudgetScope scope, Duration retryAfter, String message) {
        super(message, null, false, false);
        this.scope = scope;
        this.retryAfter = retryAfter;
    }

    public BudgetScope scope() {
        return scope;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
