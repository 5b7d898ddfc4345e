package dev.tutorgate.resilience;

import java.util.Locale;

/** How a model or a key is doing right now. */
public enum Health {
    /** Answering. */
    OK,
    /** Answering with trouble: a key cooling down or out, a circuit probing, recent failures. */
    DEGRADED,
    /** Not answering: every key out or every circuit open. */
    DOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
