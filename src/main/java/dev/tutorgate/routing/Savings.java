package dev.tutorgate.routing;

import dev.tutorgate.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What routing by complexity saved: the traffic's cost as routed, against the same tokens all sent
 * to the most expensive configured model.
 *
 * @param actualPicos     what the traffic cost (or would cost at the given prices) as routed
 * @param allPremiumPicos the same tokens priced on {@code premiumModel}
 * @param premiumModel    the configured model for which that traffic is most expensive
 */
public record Savings(long actualPicos, long allPremiumPicos, String premiumModel) {
    public Savings {
        Objects.requireNonNull(premiumModel, "premiumModel");
        if (actualPicos < 0 || allPremiumPicos < 0) {
            throw new IllegalArgumentException("costs must not be negative");
        }
    }

    /** Negative if the routed traffic cost more than all-premium would have (only with odd prices). */
    public long savedPicos() {
        return allPremiumPicos - actualPicos;
    }

    /** The saved share of the all-premium cost, 0–1 with four decimals; 0 when nothing was spent. */
    public BigDecimal savedShare() {
        if (allPremiumPicos == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(savedPicos()).divide(BigDecimal.valueOf(allPremiumPicos), 4, RoundingMode.HALF_UP);
    }

    /** The same figures divided among {@code students} (rounded half-up to the pico-dollar). */
    public Savings perStudent(int students) {
        if (students < 1) {
            throw new IllegalArgumentException("students must be at least 1");
        }
        return new Savings(divide(actualPicos, students), divide(allPremiumPicos, students), premiumModel);
    }

    private static long divide(long picos, int by) {
        return BigDecimal.valueOf(picos).divide(BigDecimal.valueOf(by), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** "$3.52 instead of $7.30 on claude-sonnet-4-5 (saved $3.78, 51.8%)" */
    public String describe() {
        return Money.format(actualPicos) + " instead of " + Money.format(allPremiumPicos) + " on " + premiumModel
                + " (saved " + Money.format(savedPicos()) + ", "
                + savedShare().movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%)";
    }
}
