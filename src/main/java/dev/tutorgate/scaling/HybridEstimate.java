package dev.tutorgate.scaling;

import dev.tutorgate.core.Complexity;
import dev.tutorgate.core.Usage;
import dev.tutorgate.routing.ModelCostFunction;
import dev.tutorgate.routing.ModelRouter;
import dev.tutorgate.routing.Savings;
import dev.tutorgate.routing.SavingsCalculator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What routing by complexity would save on the traffic seen: its tokens shared out by the
 * complexity mix (by request counts: the long course context makes questions alike in size) and
 * priced as the brief routes — simple questions to the cheapest configured model, complex ones to
 * the most expensive, medium ones to the model in the middle — against everything on the most
 * expensive model ({@link SavingsCalculator}).
 *
 * @param topModel  the model that answered most calls
 * @param topShare  its share of the model calls, percent
 * @param premium   the most expensive configured model for this traffic
 * @param simple    where the plan sends simple questions (and {@code medium}, {@code complex} likewise)
 * @param mix       the share of each complexity, percent
 * @param estimate  the plan's cost ({@code actualPicos}) against all on {@code premium} ({@code allPremiumPicos})
 */
record HybridEstimate(String topModel, BigDecimal topShare, String premium, String simple, String medium,
                      String complex, Map<Complexity, BigDecimal> mix, Savings estimate) {

    /** Empty without model calls, configured models or labelled requests. */
    static Optional<HybridEstimate> of(ScalingFacts facts, List<String> models, ModelCostFunction cost) {
        List<ScalingFacts.ModelTraffic> traffic = facts.models().stream()
                .filter(t -> t.calls() > 0 && !t.model().equals(ModelRouter.OFFLINE))
                .sorted(Comparator.comparingLong(ScalingFacts.ModelTraffic::calls).reversed()
                        .thenComparing(ScalingFacts.ModelTraffic::model))
                .toList();
        long calls = traffic.stream().mapToLong(ScalingFacts.ModelTraffic::calls).sum();
        long requests = facts.requestsByComplexity().values().stream().mapToLong(Long::longValue).sum();
        if (calls == 0 || requests == 0 || models.isEmpty()) {
            return Optional.empty();
        }
        Usage total = Usage.ZERO;
        for (ScalingFacts.ModelTraffic t : traffic) {
            total = total.plus(t.usage());
        }
        SavingsCalculator savings = new SavingsCalculator(models, cost);
        String premium = savings.compute(Map.of(traffic.getFirst().model(), total)).orElseThrow().premiumModel();
        Usage all = total;
        List<String> byCost = models.stream().sorted(Comparator.comparingLong(m -> cost.picos(m, all))).toList();
        String simple = byCost.getFirst();
        String medium = byCost.get(byCost.size() / 2);
        Map<String, Usage> plan = new LinkedHashMap<>();
        Map<Complexity, BigDecimal> mix = new LinkedHashMap<>();
        for (Complexity c : Complexity.values()) {
            long n = facts.requestsByComplexity().getOrDefault(c, 0L);
            mix.put(c, percent(n, requests));
            String model = switch (c) {
                case SIMPLE -> simple;
                case MEDIUM -> medium;
                case COMPLEX -> premium;
            };
            plan.merge(model, share(total, n, requests), Usage::plus);
        }
        return Optional.of(new HybridEstimate(traffic.getFirst().model(), percent(traffic.getFirst().calls(), calls),
                premium, simple, medium, premium, Map.copyOf(mix), savings.compute(plan).orElseThrow()));
    }

    static BigDecimal percent(long part, long whole) {
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /**
     * {@code usage × n ÷ of}, each count rounded down: rounding down keeps the cached and
     * cache-write parts within the input, as {@link Usage} requires.
     */
    private static Usage share(Usage u, long n, long of) {
        return new Usage(part(u.inputTokens(), n, of), part(u.cachedInputTokens(), n, of),
                part(u.cacheWrite5mTokens(), n, of), part(u.cacheWrite1hTokens(), n, of),
                part(u.outputTokens(), n, of), part(u.reasoningTokens(), n, of), u.estimated());
    }

    private static long part(long tokens, long n, long of) {
        return BigDecimal.valueOf(tokens).multiply(BigDecimal.valueOf(n))
                .divide(BigDecimal.valueOf(of), 0, RoundingMode.FLOOR).longValueExact();
    }
}
