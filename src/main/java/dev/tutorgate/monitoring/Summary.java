package dev.tutorgate.monitoring;

import dev.tutorgate.scaling.ScalingReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard, {@code GET /api/admin/summary} and {@code tutorgate report} show for a
 * time range. Built by {@link SummaryService}; immutable; serialised as is by {@link SummaryJson}.
 * Definitions of every figure: docs/readme/monitoring.md.
 */
public record Summary(
        RangeInfo range,
        Instant generatedAt,
        List<BudgetUse> budget,
        Limits limits,
        List<Figure> figures,
        Spend spend,
        Requests requests,
        Calls calls,
        Tokens tokens,
        Latency latency,
        Quality quality,
        Students students,
        List<ModelRow> byModel,
        List<ComplexityRow> byComplexity,
        List<StudentRow> topStudents,
        RoutingSavings routingSavings,
        ScalingReport scaling,
        List<ProviderStatus> providers,
        Series series) {

    /** The figure with this key (see {@link Figure#key()}). */
    public Figure figure(String key) {
        return figures.stream().filter(f -> f.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure " + key));
    }

    /**
     * The per-student limits in force, so that tools (e.g. {@code tutorgate stress}) can check them.
     *
     * @param studentDailyUsd   null when there is no per-student daily cap
     * @param studentMonthlyUsd null when there is no per-student monthly cap
     */
    public record Limits(int studentRequestsPerMinute, Usd studentDailyUsd, Usd studentMonthlyUsd) {
    }

    /**
     * @param elapsedTo where the data ends: {@code to}, or now if the range reaches into the future
     * @param hourly    whether the series has a point per hour (else per local day)
     */
    public record RangeInfo(Instant from, Instant to, String timeZone, String label, Instant elapsedTo, boolean hourly) {
    }

    /**
     * Spending in one budget period (today, this week, this month) against its limit.
     *
     * @param limit   null when no budget is configured for the period
     * @param percent spent ÷ limit × 100 (two decimals); null without a limit
     * @param text    "$8.50 / $20.00 — 42%"
     */
    public record BudgetUse(String period, String label, Instant from, Instant to, Usd spent, Usd limit,
                            BigDecimal percent, String text, Status status) {
    }

    /**
     * @param perQuery      CPQ: total ÷ answered requests; null when none was answered
     * @param perStudentMonth CPSM: total ÷ active students × (30 days ÷ elapsed part of the range)
     * @param projectedMonth total × (30 days ÷ elapsed part of the range)
     * @param monthFactor   30 days ÷ elapsed part of the range (6 decimals); null when nothing elapsed
     */
    public record Spend(Usd total, Usd withoutCache, Usd savedByCache, Usd perQuery, Usd perStudentMonth,
                        Usd projectedMonth, BigDecimal monthFactor) {
    }

    /**
     * Requests: one per request id, counted on its final ledger row.
     *
     * @param retried            requests that needed more than one call
     * @param answeredByFallback answered by another model than the routed one (budget degradations included)
     * @param degradedByBudget   answered by a cheaper model or offline because of the budget
     * @param refusedByBudget    refused because a budget (the application's or a student's cap) was spent
     * @param rateLimited        refused by the per-student rate limit (HTTP 429)
     */
    public record Requests(long total, long answered, long answeredByModel, long answeredOffline, long failed,
                           long cancelled, long rejected, Map<String, Long> rejectedByReason, long retried,
                           long answeredByFallback, long degradedByBudget, long refusedByBudget, long rateLimited) {
    }

    /**
     * Calls: one per ledger row with attempt ≥ 1.
     *
     * @param modelCalls       calls to a language model (not the offline course search)
     * @param errors           model calls that failed
     * @param retries          calls after a request's first (attempt > 1)
     * @param fallbacks        calls to another model than the routed one
     * @param rateLimitErrors  model calls the provider refused for its limits (rate_limited, quota_exhausted)
     *                         plus requests the provider-tier throttle refused (reasons "provider_…")
     */
    public record Calls(long total, long modelCalls, long errors, Map<String, Long> errorsByKind, long retries,
                        long fallbacks, long rateLimitErrors, BigDecimal errorPercent, BigDecimal rateLimitErrorPercent) {
    }

    /** Token totals over every call; {@code cacheHitPercent} = cached ÷ input × 100. */
    public record Tokens(long input, long cached, long cacheWrite5m, long cacheWrite1h, long output, long reasoning,
                         BigDecimal cacheHitPercent, String cacheHitWord, long estimatedCalls) {
    }

    /** Answered calls to a language model: exact nearest-rank percentiles, ms. */
    public record LatencyFigures(long count, Long p50, Long p95, Long p99, Long averageMs) {
    }

    /** @param outputTokensPerSecond output tokens ÷ time from first to last token (one decimal) */
    public record Latency(LatencyFigures ttft, LatencyFigures total, BigDecimal outputTokensPerSecond) {
    }

    public record Stars(long count, BigDecimal average, Map<Integer, Long> distribution) {
    }

    public record Accuracy(long reviewed, long correct, long incorrect, BigDecimal percent) {
    }

    public record Retrieval(long known, long hits, BigDecimal percent) {
    }

    public record Quality(Stars stars, Accuracy accuracy, Retrieval retrieval) {
    }

    /**
     * @param active     students who asked at least once in the range
     * @param registered students with an enabled account now
     */
    public record Students(long active, long registered) {
    }

    /** @param cpsmTarget the brief's target range for this model, when it has one */
    public record ModelRow(String model, long requests, long answered, long calls, long errors, Usd cost,
                           BigDecimal costPercent, long inputTokens, long cachedTokens, long outputTokens,
                           BigDecimal cacheHitPercent, Usd perQuery, Usd perStudentMonth, String cpsmTarget) {
    }

    public record ComplexityRow(String complexity, long requests, long answered, Usd cost, BigDecimal costPercent) {
    }

    public record StudentRow(String studentId, String name, long requests, long answered, Usd cost) {
    }

    /** Routing by complexity against every call priced on the most expensive configured model. */
    public record RoutingSavings(Usd routed, Usd allPremium, String premiumModel, Usd saved, BigDecimal savedPercent,
                                 String text) {
    }

    /** The charts: one point per hour or per local day of the whole range, empty ones (and future ones) included. */
    public record Series(boolean hourly, List<String> models, List<Point> points) {
    }

    /**
     * @param ttftP50 etc. read from the hourly histograms: rounded down to two significant digits
     * @param requestsByModel requests by the model that answered them; refusals under "refused"
     */
    public record Point(Instant start, Usd cost, long requests, BigDecimal cacheHitPercent, Long ttftP50,
                        Long ttftP95, Long ttftP99, Long latencyP50, Long latencyP95, Map<String, Long> requestsByModel) {
    }
}
