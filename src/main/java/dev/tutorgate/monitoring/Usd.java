package dev.tutorgate.monitoring;

import dev.tutorgate.core.Money;
import java.math.BigDecimal;

/**
 * An amount of money in the summary: exact pico-dollars, the same as an exact decimal of US
 * dollars (never a float), and as people read it ("$8.50", "$0.0042").
 */
public record Usd(long picos, BigDecimal usd, String text) {
    public static final Usd ZERO = of(0);

    public static Usd of(long picos) {
        return new Usd(picos, BigDecimal.valueOf(picos, 12).stripTrailingZeros(), Money.format(picos));
    }
}
