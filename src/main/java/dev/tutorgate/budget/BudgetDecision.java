package dev.tutorgate.budget;

/**
 * What {@link DegradationPlan#admit} decided for one request.
 *
 * @param <T> whatever the caller uses to name a model (a name, a route, a config record)
 */
public sealed interface BudgetDecision<T> {

    /** Call this model; its worst case is held by {@code reservation}: settle or release it afterwards. */
    record Call<T>(T option, Reservation reservation, boolean degraded) implements BudgetDecision<T> {
    }

    /** No model fits: answer from the course (offline), which costs nothing. */
    record Offline<T>(BudgetExceededException reason) implements BudgetDecision<T> {
    }

    /** No model fits and offline is not in the plan: HTTP 503 {@code budget_exceeded}, Retry-After from {@code reason}. */
    record Refuse<T>(BudgetExceededException reason) implements BudgetDecision<T> {
    }
}
