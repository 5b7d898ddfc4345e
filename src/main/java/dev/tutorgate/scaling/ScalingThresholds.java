package dev.tutorgate.scaling;

import dev.tutorgate.core.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The brief's scaling thresholds (PRODUCT.md §4), written down once: the upgrade signals' edges and
 * the thresholds table. The advisor's rules read them, and so do the dashboard's colour bands where
 * a band's edge is one of these signals. "Above" is strictly above: 3.00% of rate-limit errors does
 * not warn, 3.01% does.
 */
public final class ScalingThresholds {
    /** Warning: calls refused for the providers' rate limits above 3%. */
    public static final BigDecimal RATE_LIMIT_WARNING_PERCENT = new BigDecimal("3");
    /** Critical: failed model calls (rate limits included) above 10%. */
    public static final BigDecimal ERROR_CRITICAL_PERCENT = new BigDecimal("10");
    /** Warning: TTFT p95 above 2 s. */
    public static final long TTFT_P95_WARNING_MS = 2_000;
    /** Critical: TTFT p95 above 5 s. */
    public static final long TTFT_P95_CRITICAL_MS = 5_000;
    /** Warning: prompt-cache hit rate below 60% ("bad"). */
    public static final BigDecimal CACHE_HIT_BAD_PERCENT = new BigDecimal("60");
    /** The brief's "good" cache hit rate starts at 70% (below it, down to 60%, is fair) … */
    public static final BigDecimal CACHE_HIT_GOOD_PERCENT = new BigDecimal("70");
    /** … and "excellent" is above 80%. */
    public static final BigDecimal CACHE_HIT_EXCELLENT_PERCENT = new BigDecimal("80");
    /** Warning: cost per student above $10 a month. */
    public static final long CPSM_WARNING_PICOS = 10 * Money.PICOS_PER_USD;
    /** Critical: cost per student above $15 a month. */
    public static final long CPSM_CRITICAL_PICOS = 15 * Money.PICOS_PER_USD;
    /** Warning: more than 50 students with a provider on the free tier. */
    public static final long FREE_TIER_WARNING_STUDENTS = 50;
    /** Critical: more than 100 students with every provider on the free tier. */
    public static final long FREE_TIER_CRITICAL_STUDENTS = 100;

    /**
     * The thresholds table. The brief's rows share their edges ("50–100", "100–300"); a count on an
     * edge takes the larger setup, except 500, which the brief still gives to Tier 2 ("300–500", "> 500").
     */
    public static final List<Row> TABLE = List.of(
            new Row(0, 49L, "< 50", "Free tier + Gemini 2.5 Flash", "$0–150", 150L, "free"),
            new Row(50, 99L, "50–100", "Tier 1 + prompt caching", "$150–350", 350L, "tier1"),
            new Row(100, 299L, "100–300", "Tier 1 + aggressive optimisation", "$350–900", 900L, "tier1"),
            new Row(300, 500L, "300–500", "Tier 2 + hybrid models", "$900–2,000", 2_000L, "tier2"),
            new Row(501, null, "> 500", "Negotiate with the provider or self-host", "$2,000+", null, null));
    /** From here the table asks for hybrid models. */
    public static final Row HYBRID_MODELS = TABLE.get(3);
    /** More students than this are past the published tiers: negotiate or self-host. */
    public static final long SELF_HOST_STUDENTS = HYBRID_MODELS.maxStudents();

    private ScalingThresholds() {
    }

    /**
     * One row of the thresholds table.
     *
     * @param maxStudents    the last count in the row; null for the open-ended last row
     * @param students       the row's counts for people ("50–100")
     * @param maxMonthlyUsd  the top of the expected spending a month; null for the open-ended last row
     * @param tier           the provider tier the row asks for; null beyond the published tiers
     */
    public record Row(long minStudents, Long maxStudents, String students, String recommendation, String monthlyCost,
                      Long maxMonthlyUsd, String tier) {
        /** "50–100 students: Tier 1 + prompt caching ($150–350 a month)" */
        public String describe() {
            return students + " students: " + recommendation + " (" + monthlyCost + " a month)";
        }
    }

    /** The table's row for a student count. */
    public static Row rowFor(long students) {
        return TABLE.stream().filter(r -> r.maxStudents() == null || students <= r.maxStudents()).findFirst()
                .orElseThrow();
    }

    /** "free" 0, "tier1" 1 … "tier5" 5; -1 for custom, none or unknown tiers (never advised about). */
    public static int rank(String tier) {
        if (tier == null) {
            return -1;
        }
        return switch (tier.toLowerCase(Locale.ROOT)) {
            case "free" -> 0;
            case "tier1" -> 1;
            case "tier2" -> 2;
            case "tier3" -> 3;
            case "tier4" -> 4;
            case "tier5" -> 5;
            default -> -1;
        };
    }
}
