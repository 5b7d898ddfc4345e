package dev.tutorgate.gateway;

import dev.tutorgate.tutor.PreparedCall;
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

    /**
     * Like {@link #cover}, for a call other than the request's prepared answer call on {@code model}
     * (e.g. a history summary). Budgets that can price a given call should; the default covers the
     * model's answer call instead.
     */
    default boolean coverCall(Candidate model, PreparedCall call, List<CallAttempt> soFar) {
        return cover(model, soFar);
    }
}
