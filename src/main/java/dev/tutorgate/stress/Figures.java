package dev.tutorgate.stress;

import dev.tutorgate.core.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** How the report writes money and durations for people. */
final class Figures {
    private Figures() {
    }

    /**
     * Dollars: "$12.50" from one dollar up, "$0.0123" below, and two significant digits when four
     * decimals would show a non-zero amount as nothing ("$0.000012"). Zero is "$0.00".
     */
    static String usd(long picos) {
        if (picos == 0) {
            return "$0.00";
        }
        BigDecimal abs = Money.usd(Math.abs(picos));
        String sign = picos < 0 ? "-$" : "$";
        if (abs.compareTo(BigDecimal.ONE) >= 0) {
            return sign + abs.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        BigDecimal fourPlaces = abs.setScale(4, RoundingMode.HALF_UP);
        if (fourPlaces.signum() != 0) {
            return sign + fourPlaces.toPlainString();
        }
        return sign + abs.round(new MathContext(2, RoundingMode.HALF_UP)).toPlainString();
    }

    /** Exact dollars for machines: "0.000123456789", "0". */
    static String usdExact(long picos) {
        return Money.usd(picos).toPlainString();
    }

    /** "0.4 ms", "12.3 ms", "1,234 ms": a decimal below 100 ms, whole milliseconds above. */
    static String millis(long nanos) {
        if (nanos < 100_000_000L) {
            return BigDecimal.valueOf(nanos, 6).setScale(1, RoundingMode.HALF_UP).toPlainString() + " ms";
        }
        return String.format(Locale.ROOT, "%,d ms", (nanos + 500_000) / 1_000_000);
    }

    /** Exact milliseconds for machines (nanosecond precision): 12.345678. */
    static BigDecimal millisExact(long nanos) {
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros();
    }

    /** "0.52 s", "73.1 s". */
    static String seconds(long nanos) {
        BigDecimal s = BigDecimal.valueOf(nanos, 9);
        return s.setScale(s.compareTo(BigDecimal.TEN) < 0 ? 2 : 1, RoundingMode.HALF_UP).toPlainString() + " s";
    }

    static BigDecimal secondsExact(long nanos) {
        return BigDecimal.valueOf(nanos, 9).setScale(3, RoundingMode.HALF_UP);
    }
}
