package dev.tutorgate.core;

import java.util.Locale;

/** How hard a student's question is; decides which model answers it. */
public enum Complexity {
    SIMPLE, MEDIUM, COMPLEX;

    /** The lower-case name used in configuration, logs, the ledger and the API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Complexity parse(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
