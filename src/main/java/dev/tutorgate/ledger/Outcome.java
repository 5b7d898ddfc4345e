package dev.tutorgate.ledger;

/** How a ledger row ended. */
public enum Outcome {
    /** The call answered. */
    OK,
    /** The call failed (see the error kind). */
    ERROR,
    /** The student went away and the call was stopped or finished unheard. */
    CANCELLED,
    /** Refused before any model call: rate limit, budget, provider queue (attempt 0). */
    REJECTED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
