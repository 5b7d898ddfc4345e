package dev.tutorgate.monitoring;

import static dev.tutorgate.scaling.ScalingThresholds.CACHE_HIT_BAD_PERCENT;
import static dev.tutorgate.scaling.ScalingThresholds.CACHE_HIT_EXCELLENT_PERCENT;
import static dev.tutorgate.scaling.ScalingThresholds.CACHE_HIT_GOOD_PERCENT;
import static dev.tutorgate.scaling.ScalingThresholds.CPSM_CRITICAL_PICOS;
import static dev.tutorgate.scaling.ScalingThresholds.CPSM_WARNING_PICOS;
import static dev.tutorgate.scaling.ScalingThresholds.ERROR_CRITICAL_PERCENT;
import static dev.tutorgate.scaling.ScalingThresholds.RATE_LIMIT_WARNING_PERCENT;
import static dev.tutorgate.scaling.ScalingThresholds.TTFT_P95_CRITICAL_MS;

import dev.tutorgate.core.Money;
import java.math.BigDecimal;

/**
 * The brief's thresholds (lesson 9.7, restated in PRODUCT.md §1 and §4) as colour bands. The one
 * rule behind every band: green where the brief's target is met, red at the level the brief calls
 * bad, alarm or critical, amber between (a missed target or a scaling warning). Where the brief
 * names no bad level, a figure is never red. Percentages are 0–100; times in ms; money in USD.
 * Edges that are also scaling signals come from {@link dev.tutorgate.scaling.ScalingThresholds}.
 */
public final class Thresholds {
    private static final BigDecimal CPSM_WARNING_USD = Money.usd(CPSM_WARNING_PICOS);
    private static final BigDecimal CPSM_CRITICAL_USD = Money.usd(CPSM_CRITICAL_PICOS);

    /** Cost per query: the brief's target with prompt caching is $0.03–0.10 ($0.10–0.15 without). */
    public static final Band CPQ = Band.lower("0.10", true, null, false, "≤ $0.10 (with prompt cache)");
    /** Cost per student per month: every model's target is below $10; the signals warn above $10, critical above $15. */
    public static final Band CPSM = Band.lower(CPSM_WARNING_USD, true, CPSM_CRITICAL_USD, false,
            "≤ $" + plain(CPSM_WARNING_USD) + " (warning > $" + plain(CPSM_WARNING_USD) + ", critical > $"
                    + plain(CPSM_CRITICAL_USD) + ")");
    /** Cache hit rate: excellent > 80%, good 70–80%, bad < 60%. */
    public static final Band CACHE_HIT = Band.higher(CACHE_HIT_GOOD_PERCENT, true, CACHE_HIT_BAD_PERCENT, false,
            "≥ " + plain(CACHE_HIT_GOOD_PERCENT) + "% (excellent > " + plain(CACHE_HIT_EXCELLENT_PERCENT) + "%, bad < "
                    + plain(CACHE_HIT_BAD_PERCENT) + "%)");
    public static final Band TTFT_P50 = Band.lower("800", false, null, false, "< 800 ms");
    /** p95 target 1.5 s; the signals warn above 2 s and are critical above 5 s. */
    public static final Band TTFT_P95 = Band.lower(new BigDecimal("1500"), false,
            BigDecimal.valueOf(TTFT_P95_CRITICAL_MS), false,
            "< 1500 ms (critical > " + plain(BigDecimal.valueOf(TTFT_P95_CRITICAL_MS).movePointLeft(3)) + " s)");
    public static final Band TTFT_P99 = Band.lower("2000", false, null, false, "< 2000 ms");
    /** Total latency: target < 3 s, critical > 5 s. */
    public static final Band LATENCY = Band.lower("3000", false, "5000", false, "< 3 s (critical > 5 s)");
    /** Failed model calls: the signals warn above 3% (from rate limits) and are critical above 10%. */
    public static final Band ERROR_RATE = Band.lower(RATE_LIMIT_WARNING_PERCENT, true, ERROR_CRITICAL_PERCENT, false,
            "≤ " + plain(RATE_LIMIT_WARNING_PERCENT) + "% (critical > " + plain(ERROR_CRITICAL_PERCENT) + "%)");
    public static final Band RATE_LIMIT_ERROR_RATE = Band.lower(RATE_LIMIT_WARNING_PERCENT, true, null, false,
            "≤ " + plain(RATE_LIMIT_WARNING_PERCENT) + "%");
    /** Student satisfaction: goal > 4.0, alarm < 3.5. */
    public static final Band SATISFACTION = Band.higher("4.0", false, "3.5", false, "> 4.0 (alarm < 3.5)");
    /** Answer accuracy from the review queue: goal > 85%. */
    public static final Band ACCURACY = Band.higher("85", false, null, false, "> 85%");
    /** Context retrieval: ~100% with a long context, alarm < 90%; green from 95% (ours, for "~100%"). */
    public static final Band RETRIEVAL = Band.higher("95", true, "90", false, "≈ 100% (alarm < 90%)");

    private Thresholds() {
    }

    /** "10", "1.5": an edge without trailing zeros, for the targets in words. */
    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** Budget use: green below the alert fraction, amber from it, red when the budget is spent. */
    public static Band budget(double alertAtFraction) {
        BigDecimal alert = BigDecimal.valueOf(alertAtFraction).movePointRight(2).stripTrailingZeros();
        return new Band(false, alert, false, new BigDecimal("100"), true,
                "< " + alert.toPlainString() + "% (alert at " + alert.toPlainString() + "%, off at 100%)");
    }

    /** A model's cost per student per month against its own target range from the brief. */
    public static Band cpsmFor(BigDecimal targetLow, BigDecimal targetHigh) {
        return new Band(false, targetHigh, true, CPSM_CRITICAL_USD, false,
                targetText(targetLow, targetHigh) + " (critical > $" + plain(CPSM_CRITICAL_USD) + ")");
    }

    /** "$2.90–3.50" */
    static String targetText(BigDecimal lowUsd, BigDecimal highUsd) {
        return "$" + lowUsd.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "–"
                + highUsd.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** The brief's words for a cache hit rate (percent). */
    public static String cacheHitWord(BigDecimal percent) {
        if (percent.compareTo(CACHE_HIT_EXCELLENT_PERCENT) > 0) {
            return "excellent";
        }
        if (percent.compareTo(CACHE_HIT_GOOD_PERCENT) >= 0) {
            return "good";
        }
        if (percent.compareTo(CACHE_HIT_BAD_PERCENT) >= 0) {
            return "fair";
        }
        return "bad";
    }
}
