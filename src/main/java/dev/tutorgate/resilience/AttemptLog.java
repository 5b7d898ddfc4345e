package dev.tutorgate.resilience;

import dev.tutorgate.gateway.CallAttempt;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every failed call exactly once, together with what was done about it — so a failure's line
 * waits until the decision is known (a retry after a wait, another key, a fallback, the end):
 *
 * <pre>
 * call failed: request=r1 attempt=2 model=gemini-2.5-flash provider=gemini-main key=gemini-main#1 error=unavailable then=retry wait=2.1s
 * </pre>
 *
 * One per request, confined to its thread.
 */
final class AttemptLog {
    private static final Logger log = LoggerFactory.getLogger(AttemptLog.class);

    private final String requestId;
    private CallAttempt pending;
    private int pendingNumber;

    AttemptLog(String requestId) {
        this.requestId = requestId;
    }

    /** A failed call, number {@code attemptNumber} of the request (as in the ledger). */
    void failed(int attemptNumber, CallAttempt attempt) {
        pending = attempt;
        pendingNumber = attemptNumber;
    }

    /** What happens after the pending failure (logged with it, if one is pending); {@code wait} null when none. */
    void then(String decision, Duration wait) {
        flush(decision, wait);
    }

    private void flush(String decision, Duration wait) {
        if (pending == null) {
            return;
        }
        CallAttempt a = pending;
        pending = null;
        String waitText = wait == null ? "" : " wait=" + seconds(wait);
        log.warn("call failed: request={} attempt={} model={} provider={} key={} error={} purpose={} then={}{}",
                requestId, pendingNumber, a.candidate().model(), a.candidate().provider(), a.keyAlias(),
                a.error() == null ? "cancelled" : a.error().label(), a.purpose().name().toLowerCase(Locale.ROOT),
                decision, waitText);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
