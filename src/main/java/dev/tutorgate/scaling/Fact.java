package dev.tutorgate.scaling;

import dev.tutorgate.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;

/**
 * One number behind a piece of advice ("Peak RPM: 912"), as a value for scripts and as text for people.
 *
 * @param value the number in {@code unit}, or null for a fact that is words ("tier1")
 * @param unit  "students", "%", "ms", "USD", "RPM", "TPM", "keys", "calls" …; null for words
 * @param text  the fact for people: "912 RPM", "$12.40", "62.5%", "tier1"
 */
public record Fact(String name, BigDecimal value, String unit, String text) {
    public Fact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    static Fact count(String name, long value, String unit) {
        return new Fact(name, BigDecimal.valueOf(value), unit, amount(value, unit));
    }

    /** "1,000 RPM", "2 keys", "1 key" (a plural unit of words loses its s for one) */
    static String amount(long value, String unit) {
        boolean singular = value == 1 && unit.length() > 2 && unit.endsWith("s") && Character.isLowerCase(unit.charAt(0));
        return String.format(Locale.ROOT, "%,d", value) + " " + (singular ? unit.substring(0, unit.length() - 1) : unit);
    }

    static Fact percent(String name, BigDecimal value) {
        BigDecimal shown = value.setScale(1, RoundingMode.HALF_UP);
        return new Fact(name, shown, "%", percentText(value));
    }

    /** "62.5%" (one decimal, half-up) */
    static String percentText(BigDecimal percent) {
        return percent.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** "3%", "10%": a threshold as the brief writes it, without trailing zeros */
    static String edgePercent(BigDecimal percent) {
        return edgeNumber(percent) + "%";
    }

    /** "3", "1.5": a threshold without trailing zeros */
    static String edgeNumber(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** "$10", "$2,000": a threshold in whole dollars, or with cents where it has them */
    static String edgeUsd(long picos) {
        BigDecimal usd = Money.usd(picos).stripTrailingZeros();
        return "$" + String.format(Locale.ROOT, usd.scale() > 0 ? "%,.2f" : "%,.0f", usd);
    }

    /** "2 s", "1.5 s" */
    static String edgeSeconds(long millis) {
        return edgeNumber(BigDecimal.valueOf(millis).movePointLeft(3)) + " s";
    }

    static Fact millis(String name, long value) {
        return new Fact(name, BigDecimal.valueOf(value), "ms", amount(value, "ms"));
    }

    static Fact usd(String name, long picos) {
        return new Fact(name, Money.usd(picos).setScale(2, RoundingMode.HALF_UP), "USD", usdText(picos));
    }

    /** "$1,234.57" (cents, half-up) */
    static String usdText(long picos) {
        return "$" + String.format(Locale.ROOT, "%,.2f", Money.usd(picos).setScale(2, RoundingMode.HALF_UP));
    }

    static Fact words(String name, String text) {
        return new Fact(name, null, null, text);
    }
}
