package dev.tutorgate.alerts;

import java.time.Instant;

/** Which alerts have gone out, so each fires once per period, also across restarts. */
public interface SentAlerts {
    /**
     * Records that alert {@code key} is being sent. True only for the first caller ever (for a
     * durable store: across restarts and instances); false when it was sent already.
     */
    boolean markSent(String key, Instant at);
}
