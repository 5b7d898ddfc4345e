package dev.tutorgate.budget;

/**
 * Money held for one call's worst case. Exactly one of {@link #settle} or {@link #release} takes
 * effect (later calls are ignored); a reservation nobody settles expires after the configured TTL.
 */
public interface Reservation {
    /** The call cost {@code actualPicos}: count it as spent and free the rest of the hold. */
    void settle(long actualPicos);

    /** The call did not happen or cost nothing: free the whole hold. */
    void release();

    long reservedPicos();
}
