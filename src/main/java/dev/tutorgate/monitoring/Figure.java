package dev.tutorgate.monitoring;

import java.math.BigDecimal;

/**
 * One card of the dashboard: a figure, its value as people read it, and its colour.
 *
 * @param key    stable name for programs ("cpq", "ttftP95", …)
 * @param value  in {@code unit}; null when there is no data
 * @param unit   usd, percent (0–100), ms, stars, tokens_per_second, count
 * @param text   the value for people ("$0.042", "78.5%", "850 ms", "no data")
 * @param target the thresholds in words; null when none apply
 * @param note   how it is computed or what it is based on ("12 answers"); may be null
 */
public record Figure(
        String key,
        String label,
        BigDecimal value,
        String unit,
        String text,
        Status status,
        String target,
        String note) {

    public static final String NO_DATA = "no data";
}
