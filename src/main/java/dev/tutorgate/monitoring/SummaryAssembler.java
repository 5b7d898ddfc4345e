package dev.tutorgate.monitoring;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Complexity;
import dev.tutorgate.core.Money;
import dev.tutorgate.core.Usage;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.routing.ModelCostFunction;
import dev.tutorgate.routing.Savings;
import dev.tutorgate.scaling.Advisor;
import dev.tutorgate.scaling.ScalingFacts;
import dev.tutorgate.scaling.ScalingReport;
import dev.tutorgate.scaling.TierStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a {@link LedgerSnapshot} into the {@link Summary}: every figure, its colour, and the
 * scaling advisor's report. Pure: no database, no clock — all it needs is in its arguments.
 */
final class SummaryAssembler {
    static final Duration MONTH = Duration.ofDays(30);
    static final String REFUSED = "refused";
    private static final Set<String> PROVIDER_LIMIT_ERRORS = Set.of("rate_limited", "quota_exhausted");
    /** Refusals by the provider-tier throttle carry reasons that start with this. */
    static final String PROVIDER_REFUSAL_PREFIX = "provider_";
    private static final Set<String> BUDGET_REFUSALS = Set.of("budget_exceeded", "student_cap");
    static final String BUDGET_FALLBACK = "budget";

    private final TutorgateConfig config;
    private final SavingsPricing savings;
    private final AdvicePricing advicePricing;
    private final TierCatalog catalog = TierCatalog.bundled();

    SummaryAssembler(TutorgateConfig config, SavingsPricing savings, AdvicePricing advicePricing) {
        this.config = config;
        this.savings = savings;
        this.advicePricing = advicePricing;
    }

    /** Prices the routing savings of the range (null when it cannot, e.g. without configured models). */
    interface SavingsPricing {
        Optional<Savings> savings(Map<String, Usage> usageByModel, Map<String, Long> callsByModel, LocalDate date);
    }

    /** Prices tokens for the scaling advisor, given the range's model calls and their token totals. */
    interface AdvicePricing {
        ModelCostFunction costs(long calls, Usage total, LocalDate date);
    }

    /**
     * @param tiers the tier monitor's snapshot now ({@link TierStatus#EMPTY} without one): the
     *              advisor's capacity and tier facts
     */
    Summary assemble(Range range, LedgerSnapshot snap, List<ProviderStatus> providers, TierStatus tiers) {
        Aggregate a = snap.aggregate();
        Instant now = snap.readAt();
        Instant elapsedTo = now.isBefore(range.to()) ? (now.isAfter(range.from()) ? now : range.from()) : range.to();
        long elapsedMs = range.elapsed(now).toMillis();

        Measures all = a.sum(k -> true);
        Summary.Requests requests = requests(a);
        Summary.Calls calls = calls(a);
        Summary.Tokens tokens = tokens(all, a);
        long active = a.students.size();
        Summary.Spend spend = spend(all.costPicos, all.costWithoutCachePicos, requests.answered(), active, elapsedMs);
        Measures generating = a.sum(k -> k.ok() && k.modelCall());
        BigDecimal tokensPerSecond = generating.genMs == 0 ? null : BigDecimal.valueOf(generating.genOutputTokens)
                .multiply(BigDecimal.valueOf(1000)).divide(BigDecimal.valueOf(generating.genMs), 1, RoundingMode.HALF_UP);
        Summary.Latency latency = new Summary.Latency(snap.ttft(), snap.latency(), tokensPerSecond);
        Summary.Quality quality = quality(snap, all);
        Summary.Students students = new Summary.Students(active, snap.registeredStudents());

        Long cpsm = spend.perStudentMonth() == null ? null : spend.perStudentMonth().picos();
        ScalingFacts facts = new ScalingFacts(Math.max(active, snap.registeredStudents()), calls.modelCalls(),
                Ratios.exactPercent(calls.errors(), calls.modelCalls()),
                Ratios.exactPercent(calls.rateLimitErrors(), calls.modelCalls() + providerRefusals(a)),
                snap.ttft().count(), snap.ttft().p95(), Ratios.exactPercent(all.cachedTokens, all.inputTokens), cpsm,
                spend.projectedMonth() == null ? null : spend.projectedMonth().picos(), traffic(a), mix(a));
        ScalingReport scaling = scaling(facts, tiers, LocalDate.ofInstant(elapsedTo.minusMillis(1), range.zone()));

        Summary.RoutingSavings routing = routingSavings(a, elapsedTo, range);
        List<Summary.ModelRow> byModel = byModel(a, all.costPicos, active, elapsedMs);
        List<Summary.BudgetUse> budget = budget(snap.spentByPeriod());
        List<Figure> figures = new FigureCards(config).cards(all, requests, calls, tokens, spend, latency, quality,
                students, routing, elapsedMs);
        return new Summary(
                new Summary.RangeInfo(range.from(), range.to(), range.zone().getId(), range.label(), elapsedTo, range.hourly()),
                now, budget, limits(), figures, spend, requests, calls, tokens, latency, quality, students, byModel,
                byComplexity(a, all.costPicos), topStudents(a, snap.names(), config.monitoring().topStudents()), routing,
                scaling, List.copyOf(providers), series(a, range));
    }

    private Summary.Limits limits() {
        TutorgateConfig.Limits l = config.limits();
        return new Summary.Limits(l.studentRequestsPerMinute(), usdOrNull(l.studentDailyUsd()), usdOrNull(l.studentMonthlyUsd()));
    }

    private static Usd usdOrNull(BigDecimal usd) {
        return usd == null ? null : Usd.of(Money.picosFromUsd(usd));
    }

    // ---- scaling advice ----------------------------------------------------------------------

    /** The scaling advisor on the range's figures and the tier monitor's snapshot. */
    private ScalingReport scaling(ScalingFacts facts, TierStatus tiers, LocalDate priceDate) {
        Usage total = facts.models().stream().map(ScalingFacts.ModelTraffic::usage).reduce(Usage.ZERO, Usage::plus);
        long calls = facts.models().stream().mapToLong(ScalingFacts.ModelTraffic::calls).sum();
        return Advisor.fromConfig(config, advicePricing.costs(Math.max(1, calls), total, priceDate), catalog,
                config.monitoring().minSampleForSignals()).report(facts, tiers);
    }

    /** Answered model calls and their tokens, per model. */
    private static List<ScalingFacts.ModelTraffic> traffic(Aggregate a) {
        List<ScalingFacts.ModelTraffic> out = new ArrayList<>();
        a.groupBy(CubeKey::model, k -> k.modelCall() && k.ok())
                .forEach((model, m) -> out.add(new ScalingFacts.ModelTraffic(model, m.rows, usage(m))));
        return out;
    }

    /** Requests per complexity label (their final rows). */
    private static Map<Complexity, Long> mix(Aggregate a) {
        Map<Complexity, Long> mix = new EnumMap<>(Complexity.class);
        for (Complexity c : Complexity.values()) {
            mix.put(c, a.rows(k -> k.isFinal() && k.complexity().equals(c.label())));
        }
        return mix;
    }

    private static Usage usage(Measures m) {
        return new Usage(m.inputTokens, m.cachedTokens, m.cacheWrite5mTokens, m.cacheWrite1hTokens, m.outputTokens,
                m.reasoningTokens, false);
    }

    // ---- counts ------------------------------------------------------------------------------

    private static Summary.Requests requests(Aggregate a) {
        Map<String, Long> rejectedByReason = new TreeMap<>();
        a.cube.forEach((k, m) -> {
            if (k.rejected()) {
                rejectedByReason.merge(k.errorKind().isEmpty() ? "unknown" : k.errorKind(), m.rows, Long::sum);
            }
        });
        long answered = a.rows(k -> k.isFinal() && k.ok());
        long offline = a.rows(k -> k.isFinal() && k.ok() && k.offline());
        return new Summary.Requests(
                a.rows(CubeKey::isFinal),
                answered,
                answered - offline,
                offline,
                a.rows(k -> k.isFinal() && k.error()),
                a.rows(k -> k.isFinal() && "cancelled".equals(k.outcome())),
                a.rows(k -> k.isFinal() && k.rejected()),
                rejectedByReason,
                a.rows(k -> k.isFinal() && k.attemptKind() == 2),
                a.rows(k -> k.isFinal() && k.ok() && !k.fallbackReason().isEmpty()),
                a.rows(k -> k.isFinal() && k.attemptKind() > 0 && BUDGET_FALLBACK.equals(k.fallbackReason())),
                a.rows(k -> k.rejected() && BUDGET_REFUSALS.contains(k.errorKind())),
                a.rows(k -> k.rejected() && "rate_limited".equals(k.errorKind())));
    }

    private static long providerRefusals(Aggregate a) {
        return a.rows(k -> k.rejected() && k.errorKind().startsWith(PROVIDER_REFUSAL_PREFIX));
    }

    private static Summary.Calls calls(Aggregate a) {
        Map<String, Long> errorsByKind = new TreeMap<>();
        a.cube.forEach((k, m) -> {
            if (k.modelCall() && k.error()) {
                errorsByKind.merge(k.errorKind().isEmpty() ? "unknown" : k.errorKind(), m.rows, Long::sum);
            }
        });
        long modelCalls = a.rows(CubeKey::modelCall);
        long errors = a.rows(k -> k.modelCall() && k.error());
        long rateLimitErrors = a.rows(k -> k.modelCall() && k.error() && PROVIDER_LIMIT_ERRORS.contains(k.errorKind()))
                + providerRefusals(a);
        return new Summary.Calls(
                a.rows(k -> k.attemptKind() > 0),
                modelCalls,
                errors,
                errorsByKind,
                a.rows(k -> k.attemptKind() == 2),
                a.rows(k -> k.attemptKind() > 0 && !k.fallbackReason().isEmpty()),
                rateLimitErrors,
                Ratios.percent(errors, modelCalls),
                Ratios.percent(rateLimitErrors, modelCalls + providerRefusals(a)));
    }

    private static Summary.Tokens tokens(Measures all, Aggregate a) {
        BigDecimal hit = Ratios.exactPercent(all.cachedTokens, all.inputTokens);
        return new Summary.Tokens(all.inputTokens, all.cachedTokens, all.cacheWrite5mTokens, all.cacheWrite1hTokens,
                all.outputTokens, all.reasoningTokens, Ratios.round(hit, 2),
                hit == null ? null : Thresholds.cacheHitWord(hit), all.usageEstimated);
    }

    // ---- money -------------------------------------------------------------------------------

    private static Summary.Spend spend(long total, long withoutCache, long answered, long active, long elapsedMs) {
        BigInteger month = BigInteger.valueOf(MONTH.toMillis());
        BigInteger elapsed = BigInteger.valueOf(elapsedMs);
        Long perQuery = Ratios.divide(total, answered);
        Long perStudent = active == 0 ? null : Ratios.scalePicos(total, month, elapsed.multiply(BigInteger.valueOf(active)));
        Long projected = Ratios.scalePicos(total, month, elapsed);
        BigDecimal factor = elapsedMs == 0 ? null : new BigDecimal(month).divide(new BigDecimal(elapsed), 6, RoundingMode.HALF_UP);
        return new Summary.Spend(Usd.of(total), Usd.of(withoutCache), Usd.of(withoutCache - total),
                usd(perQuery), usd(perStudent), usd(projected), factor);
    }

    private static Usd usd(Long picos) {
        return picos == null ? null : Usd.of(picos);
    }

    private List<Summary.BudgetUse> budget(List<LedgerSnapshot.PeriodSpend> periods) {
        List<Summary.BudgetUse> out = new ArrayList<>();
        Band band = Thresholds.budget(config.budget().alertAtFraction());
        for (LedgerSnapshot.PeriodSpend p : periods) {
            BigDecimal limitUsd = switch (p.period()) {
                case DAY -> config.budget().dailyUsd();
                case WEEK -> config.budget().weeklyUsd();
                case MONTH -> config.budget().monthlyUsd();
            };
            Usd spent = Usd.of(p.spentPicos());
            String label = p.range().label() + " (" + p.name() + ")";
            if (limitUsd == null || limitUsd.signum() <= 0) {
                out.add(new Summary.BudgetUse(p.period().name().toLowerCase(java.util.Locale.ROOT), label,
                        p.range().from(), p.range().to(), spent, null, null, spent.text() + " (no budget)", Status.NONE));
                continue;
            }
            long limit = Money.picosFromUsd(limitUsd);
            BigDecimal exact = Ratios.exactPercent(p.spentPicos(), limit);
            BigDecimal shown = exact.setScale(2, RoundingMode.HALF_UP);
            String text = spent.text() + " / " + Money.format(limit) + " — "
                    + exact.setScale(0, RoundingMode.HALF_UP).toPlainString() + "%";
            Status status = band.rate(exact);
            if (p.budgetRefusals() > 0) {
                // Spend alone can look green while calls are already refused: the next call's worst
                // case no longer fits what is left. The instructor must see that at a glance.
                text += " — " + p.budgetRefusals() + (p.budgetRefusals() == 1 ? " request" : " requests")
                        + " refused by the budget";
                status = Status.RED;
            }
            out.add(new Summary.BudgetUse(p.period().name().toLowerCase(java.util.Locale.ROOT), label,
                    p.range().from(), p.range().to(), spent, Usd.of(limit), shown, text, status));
        }
        return out;
    }

    private Summary.RoutingSavings routingSavings(Aggregate a, Instant elapsedTo, Range range) {
        Map<String, Usage> usage = new TreeMap<>();
        Map<String, Long> callsByModel = new TreeMap<>();
        a.groupBy(CubeKey::model, CubeKey::modelCall).forEach((model, m) -> {
            usage.put(model, usage(m));
            callsByModel.put(model, m.rows);
        });
        if (usage.values().stream().allMatch(u -> u.totalTokens() == 0)) {
            return null;
        }
        LocalDate priceDate = LocalDate.ofInstant(elapsedTo.minusMillis(1), range.zone());
        return savings.savings(usage, callsByModel, priceDate).map(s -> new Summary.RoutingSavings(
                Usd.of(s.actualPicos()), Usd.of(s.allPremiumPicos()), s.premiumModel(), Usd.of(s.savedPicos()),
                s.savedShare().movePointRight(2).setScale(2, RoundingMode.HALF_UP), s.describe())).orElse(null);
    }

    // ---- breakdowns --------------------------------------------------------------------------

    private List<Summary.ModelRow> byModel(Aggregate a, long total, long active, long elapsedMs) {
        Map<String, Measures> calls = a.groupBy(CubeKey::model, k -> k.attemptKind() > 0 && !k.model().isEmpty());
        List<Summary.ModelRow> rows = new ArrayList<>();
        BigInteger month = BigInteger.valueOf(MONTH.toMillis());
        calls.forEach((model, m) -> {
            long requests = a.rows(k -> k.isFinal() && k.attemptKind() > 0 && k.model().equals(model));
            long answered = a.rows(k -> k.isFinal() && k.ok() && k.model().equals(model));
            long errors = a.rows(k -> k.error() && k.attemptKind() > 0 && k.model().equals(model));
            Long perStudent = active == 0 ? null
                    : Ratios.scalePicos(m.costPicos, month, BigInteger.valueOf(elapsedMs).multiply(BigInteger.valueOf(active)));
            String target = config.monitoring().cpsmTarget(model)
                    .map(t -> Thresholds.targetText(t.lowUsd(), t.highUsd())).orElse(null);
            rows.add(new Summary.ModelRow(model, requests, answered, m.rows, errors, Usd.of(m.costPicos),
                    Ratios.percent(m.costPicos, total), m.inputTokens, m.cachedTokens, m.outputTokens,
                    Ratios.percent(m.cachedTokens, m.inputTokens), usd(Ratios.divide(m.costPicos, answered)),
                    usd(perStudent), target));
        });
        rows.sort(Comparator.comparingLong((Summary.ModelRow r) -> r.cost().picos()).reversed()
                .thenComparing(Summary.ModelRow::model));
        return rows;
    }

    private static List<Summary.ComplexityRow> byComplexity(Aggregate a, long total) {
        Map<String, Measures> byComplexity = a.groupBy(k -> k.complexity().isEmpty() ? "unknown" : k.complexity(), k -> true);
        List<Summary.ComplexityRow> rows = new ArrayList<>();
        for (String c : orderedComplexities(byComplexity.keySet())) {
            Measures m = byComplexity.get(c);
            String key = c.equals("unknown") ? "" : c;
            rows.add(new Summary.ComplexityRow(c, a.rows(k -> k.isFinal() && k.complexity().equals(key)),
                    a.rows(k -> k.isFinal() && k.ok() && k.complexity().equals(key)), Usd.of(m.costPicos),
                    Ratios.percent(m.costPicos, total)));
        }
        return rows;
    }

    private static List<String> orderedComplexities(Set<String> present) {
        List<String> order = new ArrayList<>(List.of("simple", "medium", "complex"));
        order.retainAll(present);
        new TreeSet<>(present).stream().filter(c -> !order.contains(c)).forEach(order::add);
        return order;
    }

    static List<String> topStudentIds(Aggregate a, int top) {
        return a.students.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Aggregate.StudentSums> e) -> e.getValue().costPicos)
                        .reversed()
                        .thenComparing(Comparator.comparingLong((Map.Entry<String, Aggregate.StudentSums> e)
                                -> e.getValue().requests).reversed())
                        .thenComparing(Map.Entry::getKey))
                .limit(top).map(Map.Entry::getKey).toList();
    }

    private static List<Summary.StudentRow> topStudents(Aggregate a, Map<String, String> names, int top) {
        return topStudentIds(a, top).stream().map(id -> {
            Aggregate.StudentSums s = a.students.get(id);
            return new Summary.StudentRow(id, names.get(id), s.requests, s.answered, Usd.of(s.costPicos));
        }).toList();
    }

    // ---- quality -----------------------------------------------------------------------------

    private static Summary.Quality quality(LedgerSnapshot snap, Measures all) {
        long count = 0;
        long sum = 0;
        for (Map.Entry<Integer, Long> e : snap.stars().entrySet()) {
            count += e.getValue();
            sum += e.getKey() * e.getValue();
        }
        BigDecimal average = count == 0 ? null
                : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        long reviewed = snap.reviewedCorrect() + snap.reviewedIncorrect();
        return new Summary.Quality(
                new Summary.Stars(count, average, snap.stars()),
                new Summary.Accuracy(reviewed, snap.reviewedCorrect(), snap.reviewedIncorrect(),
                        Ratios.percent(snap.reviewedCorrect(), reviewed)),
                new Summary.Retrieval(all.retrievalKnown, all.retrievalHits,
                        Ratios.percent(all.retrievalHits, all.retrievalKnown)));
    }

    // ---- charts ------------------------------------------------------------------------------

    private static Summary.Series series(Aggregate a, Range range) {
        TimeBuckets buckets = new TimeBuckets(range.hourly(), range.zone());
        Set<String> models = new TreeSet<>();
        a.series.values().forEach(p -> p.requestsByModel.keySet().forEach(m -> models.add(label(m))));
        List<Summary.Point> points = new ArrayList<>();
        for (long start : buckets.between(range.from(), range.to())) {
            Aggregate.SeriesPoint p = a.series.get(start);
            if (p == null) {
                points.add(new Summary.Point(Instant.ofEpochMilli(start), Usd.ZERO, 0, null, null, null, null, null,
                        null, Map.of()));
                continue;
            }
            Map<String, Long> byModel = new LinkedHashMap<>();
            p.requestsByModel.forEach((m, n) -> byModel.merge(label(m), n, Long::sum));
            points.add(new Summary.Point(Instant.ofEpochMilli(start), Usd.of(p.all.costPicos),
                    byModel.values().stream().mapToLong(Long::longValue).sum(),
                    Ratios.percent(p.all.cachedTokens, p.all.inputTokens),
                    ExactPercentiles.approximate(p.ttft, 50), ExactPercentiles.approximate(p.ttft, 95),
                    ExactPercentiles.approximate(p.ttft, 99), ExactPercentiles.approximate(p.latency, 50),
                    ExactPercentiles.approximate(p.latency, 95), byModel));
        }
        List<String> ordered = new ArrayList<>(models);
        if (ordered.remove(REFUSED)) {
            ordered.add(REFUSED);
        }
        return new Summary.Series(range.hourly(), ordered, points);
    }

    private static String label(String model) {
        return model.isEmpty() ? REFUSED : model;
    }
}
