package dev.tutorgate.monitoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The brief's upgrade signals (PRODUCT.md §4) evaluated on a range's figures. Warning: error rate
 * above 3% from rate limits, TTFT p95 above 2 s, cache hit rate below 60%, cost per student above
 * $10 a month, more than 50 students on the free tier. Critical: error rate above 10%, TTFT p95
 * above 5 s, cost per student above $15 a month, more than 100 students with every provider on
 * the free tier. A rate fires only over at least {@code minSample} model calls. Each key fires at
 * most once, at its highest level; rate-limit errors and the error rate are separate keys.
 */
public final class ScalingSignals {
    static final BigDecimal RATE_LIMIT_WARNING = new BigDecimal("3");
    static final BigDecimal ERROR_CRITICAL = new BigDecimal("10");
    static final long TTFT_WARNING_MS = 2000;
    static final long TTFT_CRITICAL_MS = 5000;
    static final BigDecimal CACHE_WARNING = new BigDecimal("60");
    static final long CPSM_WARNING_PICOS = 10L * dev.tutorgate.core.Money.PICOS_PER_USD;
    static final long CPSM_CRITICAL_PICOS = 15L * dev.tutorgate.core.Money.PICOS_PER_USD;
    static final long FREE_TIER_WARNING_STUDENTS = 50;
    static final long FREE_TIER_CRITICAL_STUDENTS = 100;

    private final int minSample;

    public ScalingSignals(int minSample) {
        if (minSample < 1) {
            throw new IllegalArgumentException("minSample must be at least 1");
        }
        this.minSample = minSample;
    }

    /**
     * What the signals look at.
     *
     * @param errorPercent          failed model calls, exact percent; null without calls
     * @param rateLimitErrorPercent failed for the provider's limits, exact percent; null without calls
     * @param cacheHitPercent       exact percent; null without input tokens
     * @param cpsmPicos             cost per student per month; null without active students
     * @param students              the student count (see {@link Summary.Advice#students()})
     * @param providerTiers         the configured providers' tiers (free, tier1…), empty without providers
     */
    public record Inputs(long modelCalls, BigDecimal errorPercent, BigDecimal rateLimitErrorPercent, long ttftCount,
                         Long ttftP95, BigDecimal cacheHitPercent, Long cpsmPicos, long students,
                         List<String> providerTiers) {
    }

    public List<Signal> evaluate(Inputs in) {
        List<Signal> out = new ArrayList<>();
        boolean enoughCalls = in.modelCalls() >= minSample;
        if (enoughCalls && in.errorPercent() != null && in.errorPercent().compareTo(ERROR_CRITICAL) > 0) {
            out.add(new Signal("error_rate", Signal.Level.CRITICAL, "Model calls fail " + pct(in.errorPercent())
                    + " of the time (> 10%): act now — check provider status and keys, upgrade the tier.",
                    round(in.errorPercent()), "> 10%"));
        }
        if (enoughCalls && in.rateLimitErrorPercent() != null
                && in.rateLimitErrorPercent().compareTo(RATE_LIMIT_WARNING) > 0) {
            out.add(new Signal("rate_limit_errors", Signal.Level.WARNING, pct(in.rateLimitErrorPercent())
                    + " of calls hit the provider's rate limits (> 3%): plan a tier upgrade or more API keys.",
                    round(in.rateLimitErrorPercent()), "> 3%"));
        }
        if (in.ttftCount() >= minSample && in.ttftP95() != null) {
            if (in.ttftP95() > TTFT_CRITICAL_MS) {
                out.add(new Signal("ttft_p95", Signal.Level.CRITICAL, "TTFT p95 is " + in.ttftP95()
                        + " ms (> 5 s): students wait too long for the first word.", BigDecimal.valueOf(in.ttftP95()),
                        "> 5000 ms"));
            } else if (in.ttftP95() > TTFT_WARNING_MS) {
                out.add(new Signal("ttft_p95", Signal.Level.WARNING, "TTFT p95 is " + in.ttftP95()
                        + " ms (> 2 s): students start to wait.", BigDecimal.valueOf(in.ttftP95()), "> 2000 ms"));
            }
        }
        if (enoughCalls && in.cacheHitPercent() != null && in.cacheHitPercent().compareTo(CACHE_WARNING) < 0) {
            out.add(new Signal("cache_hit_rate", Signal.Level.WARNING, "Only " + pct(in.cacheHitPercent())
                    + " of input tokens come from the prompt cache (< 60%): the cache is not working well.",
                    round(in.cacheHitPercent()), "< 60%"));
        }
        if (in.cpsmPicos() != null) {
            BigDecimal usd = BigDecimal.valueOf(in.cpsmPicos(), 12).setScale(2, java.math.RoundingMode.HALF_UP);
            if (in.cpsmPicos() > CPSM_CRITICAL_PICOS) {
                out.add(new Signal("cost_per_student", Signal.Level.CRITICAL, "Each student costs $" + usd.toPlainString()
                        + " a month (> $15): act now on routing, caching and caps.", usd, "> $15"));
            } else if (in.cpsmPicos() > CPSM_WARNING_PICOS) {
                out.add(new Signal("cost_per_student", Signal.Level.WARNING, "Each student costs $" + usd.toPlainString()
                        + " a month (> $10): expensive.", usd, "> $10"));
            }
        }
        List<String> tiers = in.providerTiers();
        boolean anyFree = tiers.contains("free");
        boolean allFree = !tiers.isEmpty() && tiers.stream().allMatch("free"::equals);
        if (allFree && in.students() > FREE_TIER_CRITICAL_STUDENTS) {
            out.add(new Signal("free_tier", Signal.Level.CRITICAL, in.students()
                    + " students and every provider on the free tier (> 100): upgrade now.",
                    BigDecimal.valueOf(in.students()), "> 100 students"));
        } else if (anyFree && in.students() > FREE_TIER_WARNING_STUDENTS) {
            out.add(new Signal("free_tier", Signal.Level.WARNING, in.students()
                    + " students with a provider on the free tier (> 50): plan Tier 1.",
                    BigDecimal.valueOf(in.students()), "> 50 students"));
        }
        return List.copyOf(out);
    }

    private static BigDecimal round(BigDecimal percent) {
        return percent.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static String pct(BigDecimal percent) {
        return round(percent).stripTrailingZeros().toPlainString() + "%";
    }
}
