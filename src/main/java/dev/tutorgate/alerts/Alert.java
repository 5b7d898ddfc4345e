package dev.tutorgate.alerts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something the instructor must hear about.
 *
 * @param key      identifies the alert for "once per period" (e.g. "budget:daily:2026-11-28:0.8")
 * @param severity WARNING or CRITICAL
 * @param title    one line ("Daily budget 80% used")
 * @param text     what happened and what to do, in plain words
 * @param facts    figures behind it, shown as fields in the webhook and the e-mail, in the order given
 */
public record Alert(String key, Severity severity, String title, String text, Map<String, String> facts, Instant at) {
    public enum Severity { WARNING, CRITICAL }

    public Alert {
        Map<String, String> ordered = new LinkedHashMap<>();
        facts.forEach((name, value) -> ordered.put(Objects.requireNonNull(name, "fact name"),
                Objects.requireNonNull(value, "fact value")));
        facts = Collections.unmodifiableMap(ordered);
    }
}
