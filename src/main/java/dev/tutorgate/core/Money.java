package dev.tutorgate.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts of US dollars as integer pico-dollars (10⁻¹² USD).
 *
 * <p>Why picos: prices are quoted per million tokens with up to three decimals (e.g. $0.025/1M),
 * so one token can cost a fraction of a micro-dollar. In pico-dollars every per-token price with up
 * to six decimals is an integer, sums are exact, and a {@code long} still holds $9 million.
 * Never use {@code double} for money.
 */
public final class Money {
    public static final long PICOS_PER_USD = 1_000_000_000_000L;
    public static final long PICOS_PER_MICRO = 1_000_000L;

    private Money() {
    }

    public static long picosFromUsd(BigDecimal usd) {
        return usd.movePointRight(12).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    public static long picosFromUsd(String usd) {
        return picosFromUsd(new BigDecimal(usd));
    }

    public static BigDecimal usd(long picos) {
        return BigDecimal.valueOf(picos, 12).stripTrailingZeros();
    }

    /** Whole micro-dollars, rounded half-up: the unit of provider-facts' worked examples. */
    public static long micros(long picos) {
        return BigDecimal.valueOf(picos).divide(BigDecimal.valueOf(PICOS_PER_MICRO), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** For people: "$8.50", "$0.0059", "$0.000012" — cents for large sums, significant digits for small. */
    public static String format(long picos) {
        BigDecimal usd = BigDecimal.valueOf(picos, 12);
        BigDecimal abs = usd.abs();
        if (abs.compareTo(BigDecimal.ONE) >= 0 || picos == 0) {
            return (picos < 0 ? "-$" : "$") + abs.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        BigDecimal rounded = abs.round(new java.math.MathContext(2, RoundingMode.HALF_UP));
        String text = rounded.scale() < 2 ? rounded.setScale(2, RoundingMode.HALF_UP).toPlainString()
                : rounded.toPlainString();
        return (picos < 0 ? "-$" : "$") + text;
    }
}
