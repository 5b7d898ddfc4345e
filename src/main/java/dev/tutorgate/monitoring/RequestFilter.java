package dev.tutorgate.monitoring;

import java.time.Instant;
import java.util.Set;

/**
 * Which requests of the log to list: each condition is optional (null = any).
 *
 * @param outcome ok, error, cancelled or rejected (of the request's final row)
 * @param from    the request's final call started at or after this
 * @param to      … and before this
 * @param before  paging: only requests older than this cursor (from the previous page)
 * @param limit   at most this many (1–500)
 */
public record RequestFilter(String studentId, String model, String outcome, Instant from, Instant to, Long before,
                            int limit) {
    public static final Set<String> OUTCOMES = Set.of("ok", "error", "cancelled", "rejected");
    public static final int MAX_LIMIT = 500;

    public RequestFilter {
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("outcome must be one of " + OUTCOMES);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }

    /** Every request, newest first, without a limit (for the CSV export, which streams). */
    public RequestFilter unlimited() {
        return new RequestFilter(studentId, model, outcome, from, to, before, MAX_LIMIT);
    }
}
