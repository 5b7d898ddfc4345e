package dev.tutorgate.monitoring;

import dev.tutorgate.config.TutorgateConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's cards: each figure of a summary with its value for people, its colour from
 * {@link Thresholds}, its target and what it is based on. "No data" (null value, no colour) where
 * there is nothing to divide by.
 */
final class FigureCards {
    private final TutorgateConfig config;

    FigureCards(TutorgateConfig config) {
        this.config = config;
    }

    List<Figure> cards(Measures all, Summary.Requests requests, Summary.Calls calls, Summary.Tokens tokens,
                       Summary.Spend spend, Summary.Latency latency, Summary.Quality quality, Summary.Students students,
                       Summary.RoutingSavings routing, long elapsedMs) {
        long active = students.active();
        List<Figure> out = new ArrayList<>();
        out.add(money("cost", "Cost", spend.total(), Status.NONE, null,
                plural(requests.total(), "request") + ", " + plural(calls.total(), "call")));
        out.add(money("cpq", "Cost per query", spend.perQuery(),
                spend.perQuery() == null ? Status.NONE : Thresholds.CPQ.rate(spend.perQuery().usd()),
                Thresholds.CPQ.target(), "cost ÷ " + plural(requests.answered(), "answered request")));
        Band cpsmBand = cpsmBand();
        out.add(money("cpsm", "Cost per student per month", spend.perStudentMonth(),
                spend.perStudentMonth() == null ? Status.NONE : cpsmBand.rate(exactUsd(spend.perStudentMonth())),
                cpsmBand.target(), active == 0 ? "no active students"
                        : "cost ÷ " + active + " active student" + (active == 1 ? "" : "s") + " × "
                        + spend.monthFactor().stripTrailingZeros().toPlainString() + " (30 days ÷ "
                        + Duration.ofMillis(elapsedMs).toHours() + " h elapsed)"));
        BigDecimal hitExact = Ratios.exactPercent(all.cachedTokens, all.inputTokens);
        out.add(percent("cacheHitRate", "Prompt-cache hit rate", hitExact, Thresholds.CACHE_HIT,
                tokens.cacheHitWord() == null ? "no input tokens"
                        : tokens.cacheHitWord() + ": " + tokens.cached() + " of " + tokens.input() + " input tokens cached"));
        out.add(money("cacheSaved", "Saved by the prompt cache", all.inputTokens == 0 ? null : spend.savedByCache(),
                Status.NONE, null, "cost without cache " + spend.withoutCache().text()));
        out.add(ms("ttftP50", "TTFT p50", latency.ttft().p50(), Thresholds.TTFT_P50, latency.ttft().count()));
        out.add(ms("ttftP95", "TTFT p95", latency.ttft().p95(), Thresholds.TTFT_P95, latency.ttft().count()));
        out.add(ms("ttftP99", "TTFT p99", latency.ttft().p99(), Thresholds.TTFT_P99, latency.ttft().count()));
        out.add(ms("latencyP50", "Latency p50", latency.total().p50(), Thresholds.LATENCY, latency.total().count()));
        out.add(ms("latencyP95", "Latency p95", latency.total().p95(), Thresholds.LATENCY, latency.total().count()));
        out.add(plain("tokensPerSecond", "Output tokens per second", latency.outputTokensPerSecond(), "tokens_per_second",
                latency.outputTokensPerSecond() == null ? Figure.NO_DATA : latency.outputTokensPerSecond().toPlainString() + " tok/s",
                "output tokens ÷ time from first to last token"));
        out.add(percent("errorRate", "Error rate", Ratios.exactPercent(calls.errors(), calls.modelCalls()),
                Thresholds.ERROR_RATE, calls.errors() + " of " + calls.modelCalls() + " model calls failed"));
        out.add(percent("rateLimitErrorRate", "Rate-limit errors",
                Ratios.exactPercent(calls.rateLimitErrors(), calls.modelCalls() + providerRefusalsOf(requests)),
                Thresholds.RATE_LIMIT_ERROR_RATE, calls.rateLimitErrors() + " refused by provider limits"));
        out.add(count("retries", "Retried requests", requests.retried(), requests.total(),
                calls.retries() + " extra calls"));
        out.add(count("fallbacks", "Answered by a fallback", requests.answeredByFallback(), requests.answered(),
                calls.fallbacks() + " fallback calls"));
        out.add(count("rateLimited", "Rate-limit rejections", requests.rateLimited(), requests.total(),
                "HTTP 429 from the per-student limit"));
        out.add(count("budgetDegraded", "Budget degradations", requests.degradedByBudget(), requests.total(),
                requests.refusedByBudget() + " refused over budget"));
        Summary.Stars stars = quality.stars();
        out.add(new Figure("satisfaction", "Student satisfaction", stars.average(), "stars",
                stars.average() == null ? Figure.NO_DATA : stars.average().toPlainString() + " ★",
                Thresholds.SATISFACTION.rate(exactAverage(stars)), Thresholds.SATISFACTION.target(),
                stars.count() + " rating" + (stars.count() == 1 ? "" : "s")));
        Summary.Accuracy accuracy = quality.accuracy();
        out.add(percent("accuracy", "Answer accuracy", Ratios.exactPercent(accuracy.correct(), accuracy.reviewed()),
                Thresholds.ACCURACY, accuracy.correct() + " of " + accuracy.reviewed() + " reviewed answers correct"));
        Summary.Retrieval retrieval = quality.retrieval();
        out.add(percent("retrieval", "Context retrieval success", Ratios.exactPercent(retrieval.hits(), retrieval.known()),
                Thresholds.RETRIEVAL, retrieval.hits() + " of " + retrieval.known() + " answers found in the course"));
        out.add(plain("requests", "Requests", BigDecimal.valueOf(requests.total()), "count",
                Long.toString(requests.total()), requests.answered() + " answered, " + requests.rejected() + " refused, "
                        + requests.failed() + " failed"));
        out.add(plain("activeStudents", "Active students", BigDecimal.valueOf(students.active()), "count",
                Long.toString(students.active()), students.registered() + " registered"));
        out.add(money("routingSavings", "Saved by routing", routing == null ? null : routing.saved(), Status.NONE, null,
                routing == null ? "no model tokens, or no priced models" : routing.text()));
        return out;
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static long providerRefusalsOf(Summary.Requests requests) {
        return requests.rejectedByReason().entrySet().stream()
                .filter(e -> e.getKey().startsWith(SummaryAssembler.PROVIDER_REFUSAL_PREFIX)).mapToLong(Map.Entry::getValue).sum();
    }

    /** The brief's target of the one model every question goes to, else the general band. */
    private Band cpsmBand() {
        TutorgateConfig.Routing r = config.routing();
        if (r.simple() != null && r.simple().equals(r.medium()) && r.simple().equals(r.complex())) {
            return config.monitoring().cpsmTarget(r.simple())
                    .map(t -> Thresholds.cpsmFor(t.lowUsd(), t.highUsd())).orElse(Thresholds.CPSM);
        }
        return Thresholds.CPSM;
    }

    private static BigDecimal exactUsd(Usd usd) {
        return BigDecimal.valueOf(usd.picos(), 12);
    }

    private static BigDecimal exactAverage(Summary.Stars stars) {
        if (stars.count() == 0) {
            return null;
        }
        long sum = stars.distribution().entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(stars.count()), java.math.MathContext.DECIMAL128);
    }

    private static Figure money(String key, String label, Usd value, Status status, String target, String note) {
        return new Figure(key, label, value == null ? null : value.usd(), "usd",
                value == null ? Figure.NO_DATA : value.text(), value == null ? Status.NONE : status, target, note);
    }

    private static Figure percent(String key, String label, BigDecimal exact, Band band, String note) {
        BigDecimal shown = Ratios.round(exact, 2);
        return new Figure(key, label, shown, "percent",
                shown == null ? Figure.NO_DATA : shown.stripTrailingZeros().toPlainString() + "%", band.rate(exact),
                band.target(), note);
    }

    private static Figure ms(String key, String label, Long value, Band band, long count) {
        return new Figure(key, label, value == null ? null : BigDecimal.valueOf(value), "ms",
                value == null ? Figure.NO_DATA : value + " ms", value == null ? Status.NONE : band.rate(value),
                band.target(), count + " answered model call" + (count == 1 ? "" : "s"));
    }

    private static Figure count(String key, String label, long n, long of, String note) {
        BigDecimal share = Ratios.percent(n, of);
        return new Figure(key, label, BigDecimal.valueOf(n), "count",
                n + (share == null ? "" : " (" + share.stripTrailingZeros().toPlainString() + "%)"), Status.NONE, null, note);
    }

    private static Figure plain(String key, String label, BigDecimal value, String unit, String text, String note) {
        return new Figure(key, label, value, unit, text, Status.NONE, null, note);
    }
}
