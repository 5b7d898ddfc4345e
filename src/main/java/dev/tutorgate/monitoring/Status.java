package dev.tutorgate.monitoring;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A figure's colour against the brief's thresholds. */
public enum Status {
    /** Meets the brief's target. */
    GREEN("✓", "ok"),
    /** Misses the target, or a scaling warning. */
    AMBER("!", "warn"),
    /** The brief's "bad", "alarm" or "critical" level. */
    RED("✗", "BAD"),
    /** No threshold applies, or no data. */
    NONE("·", "");

    private final String symbol;
    private final String word;

    Status(String symbol, String word) {
        this.symbol = symbol;
        this.word = word;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For terminals without colour: ✓ ok, ! warn, ✗ BAD. */
    public String symbol() {
        return symbol;
    }

    public String word() {
        return word;
    }
}
