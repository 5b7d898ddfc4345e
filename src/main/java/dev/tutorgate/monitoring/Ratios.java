package dev.tutorgate.monitoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Exact shares and money divisions for the figures: BigDecimal all the way, never double. */
final class Ratios {
    private Ratios() {
    }

    /** num ÷ den × 100 to 34 significant digits (for thresholds); null when den is 0. */
    static BigDecimal exactPercent(long num, long den) {
        if (den == 0) {
            return null;
        }
        return BigDecimal.valueOf(num).movePointRight(2).divide(BigDecimal.valueOf(den), MathContext.DECIMAL128);
    }

    /** The same, rounded half-up to two decimals, for people. */
    static BigDecimal percent(long num, long den) {
        BigDecimal exact = exactPercent(num, den);
        return exact == null ? null : exact.setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal round(BigDecimal value, int scale) {
        return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
    }

    /** picos × num ÷ den, rounded half-up to the pico-dollar; null when den is 0. */
    static Long scalePicos(long picos, java.math.BigInteger num, java.math.BigInteger den) {
        if (den.signum() == 0) {
            return null;
        }
        return new BigDecimal(java.math.BigInteger.valueOf(picos).multiply(num))
                .divide(new BigDecimal(den), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** picos ÷ n, rounded half-up; null when n is 0. */
    static Long divide(long picos, long n) {
        return n == 0 ? null : BigDecimal.valueOf(picos).divide(BigDecimal.valueOf(n), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
