package dev.tutorgate.gateway;

import java.util.List;

/**
 * The request's budget hold, as a dispatcher sees it. The first candidate is covered before
 * dispatch; a dispatcher that makes further attempts (retries, fallbacks) must cover each one
 * first, so that what the request may spend in total is always reserved.
 */
@FunctionalInterface
public interface AttemptBudget {
    /**
     * Makes sure the hold covers the cost of the attempts made so far plus the worst case of an
     * attempt on {@code next}. False when that does not fit a budget: skip {@code next}.
     */
    boolean cover(Candidate next, List<CallAttempt> soFar);
}
