package dev.tutorgate.stress;

import dev.tutorgate.core.Complexity;

/**
 * What became of one request. Times are nanoseconds since the run started: {@code sent} when the
 * request left, {@code headers} when the status line arrived (the server decided about the rate
 * limit in between), {@code firstDelta} when the first {@code delta} event arrived ({@link #NONE}
 * without one), {@code end} when the exchange was over.
 *
 * @param student     index of the student (0-based) who asked
 * @param status      the HTTP status, 0 when none arrived (timeout, connection refused)
 * @param code        for anything but an answer: the contract's error code ({@code rate_limited}…), or
 *                    ours for failures without one ({@code timeout}, {@code connection_failed},
 *                    {@code stream_incomplete}, {@code http_502}…); null for an answer
 * @param costPicos   the answer's cost from its {@code done} event, in pico-dollars; 0 when not answered
 * @param costKnown   whether the answer said what it cost
 * @param retryAfterHeader the {@code Retry-After} header of a refusal, null when absent
 * @param retryAfterSeconds the error JSON's {@code retryAfterSeconds}, null when absent
 */
public record Outcome(int index, int student, Complexity asked, boolean answered, int status, String code,
                      long sent, long headers, long firstDelta, long end,
                      String model, Complexity routed, long costPicos, boolean costKnown,
                      String retryAfterHeader, Long retryAfterSeconds) {
    public static final long NONE = -1;

    /** Time to the first streamed text, or {@link #NONE}. */
    public long ttftNanos() {
        return firstDelta == NONE ? NONE : firstDelta - sent;
    }

    public long latencyNanos() {
        return end - sent;
    }

    /** Whether a refusal told the client when to come back, in the header or in the JSON. */
    public boolean saysWhenToRetry() {
        return RetryAfter.isValid(retryAfterHeader) || (retryAfterSeconds != null && retryAfterSeconds >= 0);
    }
}
