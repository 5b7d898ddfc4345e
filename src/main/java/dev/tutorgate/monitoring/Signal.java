package dev.tutorgate.monitoring;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * One of the brief's scaling signals that fired on the data (PRODUCT.md §4).
 *
 * @param key       rate_limit_errors, error_rate, ttft_p95, cache_hit_rate, cost_per_student, free_tier
 * @param value     the measured value, in the unit of {@code threshold}
 * @param threshold the edge it crossed, in words ("> 3%")
 */
public record Signal(String key, Level level, String message, BigDecimal value, String threshold) {
    public enum Level {
        /** Time to plan an upgrade. */
        WARNING,
        /** Act now. */
        CRITICAL;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
