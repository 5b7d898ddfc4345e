package dev.tutorgate.scaling;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How much of one limit (requests or tokens per minute, requests per day) is in use.
 *
 * @param used            what counts against the limit now
 * @param limit           the limit; null = not limited (then headroom and the percentages are null)
 * @param headroom        {@code limit − used}, never below 0
 * @param usedPercent     used ÷ limit × 100, one decimal, rounded half-up (may exceed 100)
 * @param headroomPercent headroom ÷ limit × 100, one decimal, rounded half-up
 * @param countedBy       whose count {@code used} is
 */
public record LimitUse(long used, Long limit, Long headroom, BigDecimal usedPercent, BigDecimal headroomPercent,
                       CountedBy countedBy) {

    /** Whose figures a use rests on. */
    public enum CountedBy {
        /** tutorgate's own count of what it sent (the provider throttle). */
        TUTORGATE,
        /** The provider's rate-limit headers: everything sent on the account, other applications included. */
        PROVIDER;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static LimitUse of(long used, Long limit, CountedBy countedBy) {
        if (used < 0) {
            throw new IllegalArgumentException("use must not be negative");
        }
        if (limit == null) {
            return new LimitUse(used, null, null, null, null, countedBy);
        }
        long headroom = Math.max(0, limit - used);
        return new LimitUse(used, limit, headroom, percent(used, limit), percent(headroom, limit), countedBy);
    }

    static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return part == 0 ? BigDecimal.ZERO.setScale(1) : BigDecimal.valueOf(100).setScale(1);
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
