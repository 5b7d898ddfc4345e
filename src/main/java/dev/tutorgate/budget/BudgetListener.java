package dev.tutorgate.budget;

/**
 * Hears what happens to budgets (the alert watcher, metrics). Called on the request's thread right
 * after the change: implementations must return quickly and never throw.
 */
public interface BudgetListener {
    BudgetListener NONE = new BudgetListener() {
    };

    /** A call was settled; {@code status} is the budget afterwards (one call per budget it touched). */
    default void onSettled(BudgetStatus status) {
    }

    /** A reservation did not fit this budget. */
    default void onRefused(BudgetStatus status, long askedPicos) {
    }
}
