package dev.tutorgate.scaling;

import static dev.tutorgate.scaling.ScalingThresholds.CACHE_HIT_BAD_PERCENT;
import static dev.tutorgate.scaling.ScalingThresholds.CACHE_HIT_EXCELLENT_PERCENT;
import static dev.tutorgate.scaling.ScalingThresholds.CACHE_HIT_GOOD_PERCENT;
import static dev.tutorgate.scaling.ScalingThresholds.CPSM_CRITICAL_PICOS;
import static dev.tutorgate.scaling.ScalingThresholds.CPSM_WARNING_PICOS;
import static dev.tutorgate.scaling.ScalingThresholds.ERROR_CRITICAL_PERCENT;
import static dev.tutorgate.scaling.ScalingThresholds.RATE_LIMIT_WARNING_PERCENT;
import static dev.tutorgate.scaling.ScalingThresholds.SELF_HOST_STUDENTS;
import static dev.tutorgate.scaling.ScalingThresholds.TTFT_P95_CRITICAL_MS;
import static dev.tutorgate.scaling.ScalingThresholds.TTFT_P95_WARNING_MS;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Complexity;
import dev.tutorgate.core.Money;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.routing.ModelCostFunction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scaling advisor: the ledger's figures and the tier monitor's snapshot in, the brief's
 * recommendations out — which tier, whether the limits cover the peak (add keys or upgrade),
 * rate limits, errors, latency, cost per student, hybrid routing, prompt caching, self-hosting —
 * each with the numbers that led there. Pure and deterministic: the same inputs give the same list,
 * most urgent first. The rules and their thresholds: docs/readme/scaling.md.
 */
public final class Advisor {
    private static final Logger log = LoggerFactory.getLogger(Advisor.class);
    /** Hybrid routing is suggested when one model answers at least this share of the calls … */
    static final BigDecimal HYBRID_TOP_SHARE_PERCENT = new BigDecimal("90");
    /** … and the plan would save at least this share of their cost. */
    static final BigDecimal HYBRID_MIN_SAVING = new BigDecimal("0.20");
    private static final String COST_ACTION = "Route simple questions to cheaper models (hybrid routing), check that"
            + " the prompt cache hits, and cap spending per student (limits.studentMonthlyUsd).";

    private final List<String> models;
    private final ModelCostFunction cost;
    private final CapacityRule capacity;
    private final long selfHostMonthlyPicos;
    private final int minSample;

    /**
     * @param models    the configured models, in configuration order
     * @param cost      what tokens cost on a model (the pricing package provides it)
     * @param minSample model calls a rate needs before its rule speaks ({@code monitoring.minSampleForSignals})
     */
    public Advisor(List<String> models, ModelCostFunction cost, TierCatalog catalog, TutorgateConfig.Scaling settings,
                   int minSample) {
        if (minSample < 1) {
            throw new IllegalArgumentException("minSample must be at least 1");
        }
        this.models = List.copyOf(models);
        this.cost = Objects.requireNonNull(cost, "cost");
        this.capacity = new CapacityRule(catalog, settings.headroomTarget());
        this.selfHostMonthlyPicos = Money.picosFromUsd(settings.selfHostMonthlyUsd());
        this.minSample = minSample;
    }

    public static Advisor fromConfig(TutorgateConfig config, ModelCostFunction cost, TierCatalog catalog, int minSample) {
        return new Advisor(config.models().stream().map(TutorgateConfig.Model::name).toList(), cost, catalog,
                config.scaling(), minSample);
    }

    /** The advice with the thresholds table read for the student count and a headline: the summary's scaling part. */
    public ScalingReport report(ScalingFacts facts, TierStatus tiers) {
        return ScalingReport.of(facts.students(), advise(facts, tiers));
    }

    /** Every rule's advice, most urgent first. */
    public List<Advice> advise(ScalingFacts facts, TierStatus tiers) {
        List<Advice> out = new ArrayList<>();
        out.add(TierRule.advise(facts, tiers));
        tiers.providers().forEach(p -> capacity.advise(p).ifPresent(out::add));
        rateLimits(facts, tiers, out);
        errors(facts, out);
        latency(facts, out);
        cost(facts, out);
        hybrid(facts, out);
        caching(facts, out);
        selfHosting(facts, out);
        return out.stream().sorted(Comparator.comparing(Advice::level).reversed()
                .thenComparing(Advice::topic)
                .thenComparing(a -> a.provider() == null ? "" : a.provider())).toList();
    }

    private void rateLimits(ScalingFacts facts, TierStatus tiers, List<Advice> out) {
        BigDecimal percent = facts.rateLimitErrorPercent();
        if (facts.modelCalls() < minSample || percent == null || percent.compareTo(RATE_LIMIT_WARNING_PERCENT) <= 0) {
            return;
        }
        boolean critical = percent.compareTo(ERROR_CRITICAL_PERCENT) > 0;
        List<Fact> numbers = new ArrayList<>();
        numbers.add(Fact.percent("Calls refused by rate limits", percent));
        numbers.add(Fact.count("Model calls", facts.modelCalls(), "calls"));
        tiers.providers().stream().filter(p -> p.rateLimitedLastDay() > 0).forEach(p ->
                numbers.add(Fact.count("429s on " + p.provider() + " (24 h)", p.rateLimitedLastDay(), "calls")));
        out.add(new Advice(Advice.Topic.RATE_LIMITS, critical ? Advice.Level.CRITICAL : Advice.Level.WARNING, null,
                "Provider rate limits refuse " + Fact.percentText(percent) + " of calls",
                Fact.percentText(percent) + " of " + Fact.amount(facts.modelCalls(), "model calls")
                        + " were refused for the providers' limits ("
                        + (critical ? "critical above " + Fact.edgePercent(ERROR_CRITICAL_PERCENT)
                                : "a warning above " + Fact.edgePercent(RATE_LIMIT_WARNING_PERCENT)) + ").",
                "Add API keys or upgrade the tier (the capacity advice says where); meanwhile tutorgate retries"
                        + " with backoff and falls back to other models.", numbers));
    }

    /**
     * Failures of every kind above 10%, unless the rate limits explain them: the rate-limit advice is
     * critical already and the other failures are not above 10% on their own.
     */
    private void errors(ScalingFacts facts, List<Advice> out) {
        BigDecimal percent = facts.errorPercent();
        BigDecimal limited = facts.rateLimitErrorPercent();
        if (facts.modelCalls() < minSample || percent == null || percent.compareTo(ERROR_CRITICAL_PERCENT) <= 0) {
            return;
        }
        boolean explainedByRateLimits = limited != null && limited.compareTo(ERROR_CRITICAL_PERCENT) > 0
                && percent.subtract(limited).compareTo(ERROR_CRITICAL_PERCENT) <= 0;
        if (explainedByRateLimits) {
            return;
        }
        List<Fact> numbers = new ArrayList<>();
        numbers.add(Fact.percent("Failed model calls", percent));
        if (limited != null) {
            numbers.add(Fact.percent("Of which rate limits", limited));
        }
        numbers.add(Fact.count("Model calls", facts.modelCalls(), "calls"));
        out.add(new Advice(Advice.Topic.ERRORS, Advice.Level.CRITICAL, null,
                Fact.percentText(percent) + " of model calls fail",
                "More than " + Fact.edgePercent(ERROR_CRITICAL_PERCENT) + " of "
                        + Fact.amount(facts.modelCalls(), "model calls") + " failed.",
                "Look at the provider status and the request log's errors, check the API keys, and make sure"
                        + " routing.fallbacks lists a model of another provider.", numbers));
    }

    private void latency(ScalingFacts facts, List<Advice> out) {
        Long p95 = facts.ttftP95Ms();
        if (facts.ttftCount() < minSample || p95 == null || p95 <= TTFT_P95_WARNING_MS) {
            return;
        }
        boolean critical = p95 > TTFT_P95_CRITICAL_MS;
        out.add(new Advice(Advice.Topic.LATENCY, critical ? Advice.Level.CRITICAL : Advice.Level.WARNING, null,
                "Students wait " + Fact.amount(p95, "ms") + " for the first word",
                "TTFT p95 is " + Fact.amount(p95, "ms") + " over " + Fact.amount(facts.ttftCount(), "answers")
                        + " (" + (critical ? "critical above " + Fact.edgeSeconds(TTFT_P95_CRITICAL_MS)
                        : "a warning above " + Fact.edgeSeconds(TTFT_P95_WARNING_MS)) + "; the target is below 1.5 s).",
                "Upgrade the tier (requests wait in the queue at the provider's limits), route simple questions to"
                        + " a faster model, and check the provider status.",
                List.of(Fact.millis("TTFT p95", p95), Fact.count("Answers measured", facts.ttftCount(), "answers"))));
    }

    private void cost(ScalingFacts facts, List<Advice> out) {
        Long cpsm = facts.costPerStudentMonthPicos();
        if (cpsm == null || cpsm <= CPSM_WARNING_PICOS) {
            spendingAboveTheTable(facts, out);
            return;
        }
        boolean critical = cpsm > CPSM_CRITICAL_PICOS;
        List<Fact> numbers = new ArrayList<>();
        numbers.add(Fact.usd("Cost per student a month", cpsm));
        numbers.add(Fact.count("Students", facts.students(), "students"));
        if (facts.projectedMonthPicos() != null) {
            numbers.add(Fact.usd("Spending a month (projected)", facts.projectedMonthPicos()));
        }
        out.add(new Advice(Advice.Topic.COST, critical ? Advice.Level.CRITICAL : Advice.Level.WARNING, null,
                "A student costs " + Fact.usdText(cpsm) + " a month",
                "Above " + (critical ? Fact.edgeUsd(CPSM_CRITICAL_PICOS) + " (critical)"
                        : Fact.edgeUsd(CPSM_WARNING_PICOS) + " (a warning)") + "; the brief expects $2.90–3.50 on Gemini"
                        + " 2.5 Flash and $7.30–9.50 on Claude Sonnet 4.5.",
                COST_ACTION, numbers));
    }

    /**
     * Spending heading above what the thresholds table expects for the course's size, while each
     * student is still within $10 (else the cost warning says it) and self-hosting is not yet advised.
     */
    private void spendingAboveTheTable(ScalingFacts facts, List<Advice> out) {
        Long projected = facts.projectedMonthPicos();
        ScalingThresholds.Row row = ScalingThresholds.rowFor(facts.students());
        if (projected == null || row.maxMonthlyUsd() == null || projected <= row.maxMonthlyUsd() * Money.PICOS_PER_USD
                || projected > selfHostMonthlyPicos) {
            return;
        }
        out.add(new Advice(Advice.Topic.COST, Advice.Level.INFO, null,
                "Spending heads above the thresholds table's " + row.monthlyCost() + " a month",
                "This range's spending comes to " + Fact.usdText(projected) + " over 30 days; the thresholds table"
                        + " expects " + row.monthlyCost() + " a month for " + row.students() + " students ("
                        + Fact.amount(facts.students(), "students") + " here).",
                COST_ACTION,
                List.of(Fact.usd("Spending a month (projected)", projected),
                        Fact.words("Expected a month", row.monthlyCost()),
                        Fact.count("Students", facts.students(), "students"))));
    }

    private void hybrid(ScalingFacts facts, List<Advice> out) {
        if (facts.modelCalls() < minSample) {
            return;
        }
        Optional<HybridEstimate> estimate;
        try {
            estimate = HybridEstimate.of(facts, models, cost);
        } catch (RuntimeException e) {
            // e.g. a configured model without a price on the day: no estimate, the other rules still speak
            log.debug("no hybrid-routing estimate: {}", e.getMessage());
            return;
        }
        estimate.ifPresent(h -> {
            BigDecimal saved = h.estimate().savedShare();
            if (h.topShare().compareTo(HYBRID_TOP_SHARE_PERCENT) < 0 || !h.topModel().equals(h.premium())
                    || h.simple().equals(h.premium()) || saved.compareTo(HYBRID_MIN_SAVING) < 0) {
                return;
            }
            List<String> urgent = new ArrayList<>();
            if (facts.students() >= ScalingThresholds.HYBRID_MODELS.minStudents()) {
                urgent.add("the thresholds table asks for hybrid models from "
                        + Fact.amount(ScalingThresholds.HYBRID_MODELS.minStudents(), "students"));
            }
            if (facts.costPerStudentMonthPicos() != null && facts.costPerStudentMonthPicos() > CPSM_WARNING_PICOS) {
                urgent.add("a student costs more than " + Fact.edgeUsd(CPSM_WARNING_PICOS) + " a month");
            }
            BigDecimal savedPercent = saved.movePointRight(2);
            List<Fact> numbers = new ArrayList<>();
            numbers.add(Fact.percent("Calls on " + h.premium(), h.topShare()));
            for (Complexity c : Complexity.values()) {
                numbers.add(Fact.percent(capitalised(c.label()) + " questions", h.mix().get(c)));
            }
            numbers.add(Fact.usd("This traffic all on " + h.premium(), h.estimate().allPremiumPicos()));
            numbers.add(Fact.usd("The same routed by complexity", h.estimate().actualPicos()));
            numbers.add(Fact.percent("Estimated saving", savedPercent));
            if (facts.projectedMonthPicos() != null) {
                long monthly = new BigDecimal(facts.projectedMonthPicos()).multiply(saved)
                        .setScale(0, RoundingMode.HALF_UP).longValueExact();
                numbers.add(Fact.usd("Estimated saving a month", monthly));
                if (facts.students() > 0) {
                    numbers.add(Fact.usd("Estimated saving per student a month", BigDecimal.valueOf(monthly)
                            .divide(BigDecimal.valueOf(facts.students()), 0, RoundingMode.HALF_UP).longValueExact()));
                }
            }
            out.add(new Advice(Advice.Topic.HYBRID_ROUTING, urgent.isEmpty() ? Advice.Level.INFO : Advice.Level.WARNING, null,
                    "Route by complexity: about " + Fact.percentText(savedPercent) + " cheaper",
                    Fact.percentText(h.topShare()) + " of model calls go to " + h.premium() + ", the most"
                            + " expensive configured model, while " + Fact.percentText(h.mix().get(Complexity.SIMPLE))
                            + " of questions are simple" + (urgent.isEmpty() ? "" : "; " + String.join(", and ", urgent))
                            + ".",
                    "Set routing.simple: " + h.simple() + ", routing.medium: " + h.medium() + ", routing.complex: "
                            + h.complex() + "; the classifier labels each question and the fallbacks stay as they are.",
                    numbers));
        });
    }

    private void caching(ScalingFacts facts, List<Advice> out) {
        BigDecimal hit = facts.cacheHitPercent();
        if (facts.modelCalls() < minSample || hit == null || hit.compareTo(CACHE_HIT_GOOD_PERCENT) >= 0) {
            return;
        }
        boolean bad = hit.compareTo(CACHE_HIT_BAD_PERCENT) < 0;
        out.add(new Advice(Advice.Topic.CACHING, bad ? Advice.Level.WARNING : Advice.Level.INFO, null,
                "Make the prompt cache hit more often",
                Fact.percentText(hit) + " of input tokens came from the prompt cache: "
                        + (bad ? "bad (below " + Fact.edgePercent(CACHE_HIT_BAD_PERCENT) + ")"
                                : "fair (" + Fact.edgeNumber(CACHE_HIT_BAD_PERCENT) + "–"
                                + Fact.edgePercent(CACHE_HIT_GOOD_PERCENT) + ")")
                        + "; " + Fact.edgeNumber(CACHE_HIT_GOOD_PERCENT) + "–" + Fact.edgePercent(CACHE_HIT_EXCELLENT_PERCENT)
                        + " is good, above " + Fact.edgePercent(CACHE_HIT_EXCELLENT_PERCENT) + " excellent.",
                "Keep the course prefix byte-identical between requests (system prompt and course first, history"
                        + " after), use a model with prompt caching, and keep the cache alive between questions.",
                List.of(Fact.percent("Cache hit rate", hit), Fact.percent("Good from", CACHE_HIT_GOOD_PERCENT),
                        Fact.count("Model calls", facts.modelCalls(), "calls"))));
    }

    private void selfHosting(ScalingFacts facts, List<Advice> out) {
        boolean manyStudents = facts.students() > SELF_HOST_STUDENTS;
        boolean expensive = facts.projectedMonthPicos() != null && facts.projectedMonthPicos() > selfHostMonthlyPicos;
        if (!manyStudents && !expensive) {
            return;
        }
        List<String> why = new ArrayList<>();
        if (manyStudents) {
            why.add(facts.students() + " students (above " + SELF_HOST_STUDENTS + ")");
        }
        if (expensive) {
            why.add("spending heads for " + Fact.usdText(facts.projectedMonthPicos()) + " a month (above "
                    + Fact.usdText(selfHostMonthlyPicos) + ")");
        }
        List<Fact> numbers = new ArrayList<>();
        numbers.add(Fact.count("Students", facts.students(), "students"));
        if (facts.projectedMonthPicos() != null) {
            numbers.add(Fact.usd("Spending a month (projected)", facts.projectedMonthPicos()));
        }
        numbers.add(Fact.usd("Self-hosting worth a look from", selfHostMonthlyPicos));
        out.add(new Advice(Advice.Topic.SELF_HOSTING, Advice.Level.WARNING, null,
                "Negotiate volume pricing or self-host",
                capitalised(why.stream().collect(Collectors.joining(" and "))) + ".",
                "Ask the provider for volume pricing, or serve an open model (e.g. Llama) on your own GPUs as an"
                        + " openai-compatible provider and route simple questions to it.", numbers));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
