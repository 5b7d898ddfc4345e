package dev.tutorgate.resilience;

import dev.tutorgate.gateway.CallAttempt;
import dev.tutorgate.provider.ErrorKind;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logs every failed call exactly once, together with what was done about it — so a failure's line
 * waits until the decision is known (a retry after a wait, another key, a fallback, the end):
 *
 * <pre>
 * call failed: request=r1 attempt=2 model=gemini-2.5-flash provider=gemini-main key=gemini-main#1 error=unavailable then=retry wait=2.1s
 * call failed: request=r1 attempt=1 model=gpt-4.1-mini … error=rate_limited purpose=history_summary then=retry
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
        String purpose = a.isAnswer() ? "" : " purpose=" + a.purpose().name().toLowerCase(Locale.ROOT);
        boolean studentLeft = a.clientGone() || a.error() == null || a.error() == ErrorKind.CANCELLED;
        // A student who leaves is not a provider failure: recorded, but not a warning.
        log.atLevel(studentLeft ? Level.INFO : Level.WARN).log(
                "call failed: request={} attempt={} model={} provider={} key={} error={}{} then={}{}",
                requestId, pendingNumber, a.candidate().model(), a.candidate().provider(), a.keyAlias(),
                a.error() == null ? "cancelled" : a.error().label(), purpose, decision, waitText);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
