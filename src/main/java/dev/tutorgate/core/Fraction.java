package dev.tutorgate.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A share such as 0.9, compared exactly and without allocating: {@code used ≥ limit × share} is
 * {@code used × 10^scale ≥ limit × unscaled}, in 128 bits (a double's 0.9 × 1000 is not 900).
 * The budget's alert share and the tier monitor's warning share are both read this way.
 */
public final class Fraction {
    private final long numerator;
    private final long denominator;
    private final BigDecimal value;

    public Fraction(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("a share must be between 0 and 1, not " + share);
        }
        BigDecimal exact = BigDecimal.valueOf(share).stripTrailingZeros();
        if (exact.scale() < 0) {
            exact = exact.setScale(0, RoundingMode.UNNECESSARY);
        }
        this.value = exact;
        this.numerator = exact.unscaledValue().longValueExact();
        this.denominator = BigDecimal.TEN.pow(exact.scale()).longValueExact();
    }

    /** Whether {@code used ≥ limit × share}. */
    public boolean reachedBy(long used, long limit) {
        return compare128(used, denominator, limit, numerator) >= 0;
    }

    /** The share as written ("0.9"). */
    public BigDecimal value() {
        return value;
    }

    /** {@code a × b} against {@code c × d}, for non-negative operands. */
    private static int compare128(long a, long b, long c, long d) {
        long high1 = Math.multiplyHigh(a, b);
        long high2 = Math.multiplyHigh(c, d);
        if (high1 != high2) {
            return Long.compare(high1, high2);
        }
        return Long.compareUnsigned(a * b, c * d);
    }
}
