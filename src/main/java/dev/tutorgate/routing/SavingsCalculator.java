package dev.tutorgate.routing;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Usage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The brief's savings figure computed from real usage: the tokens each model actually used (e.g.
 * the ledger's totals per model) priced as routed, against all of them priced on the most expensive
 * configured model. "Most expensive" is decided for this traffic, not by list price, because the
 * input/output mix decides which model costs most. The counterfactual keeps each token's kind: cached
 * tokens stay cached on the premium model (an approximation: its cache might have hit differently).
 * Offline answers use no tokens and are never priced.
 */
public final class SavingsCalculator {
    private final List<String> models;
    private final ModelCostFunction cost;

    /** @param configuredModels candidates for the all-premium comparison, in configuration order */
    public SavingsCalculator(List<String> configuredModels, ModelCostFunction cost) {
        this.models = List.copyOf(configuredModels);
        this.cost = Objects.requireNonNull(cost, "cost");
    }

    public static SavingsCalculator fromConfig(TutorgateConfig config, ModelCostFunction cost) {
        return new SavingsCalculator(config.models().stream().map(TutorgateConfig.Model::name).toList(), cost);
    }

    /**
     * @param usageByModel token totals per model name as routed (offline included or not)
     * @return empty when no model is configured, so there is nothing to compare with
     */
    public Optional<Savings> compute(Map<String, Usage> usageByModel) {
        if (models.isEmpty()) {
            return Optional.empty();
        }
        long actual = 0;
        Usage total = Usage.ZERO;
        for (Map.Entry<String, Usage> entry : usageByModel.entrySet()) {
            if (!entry.getKey().equals(ModelRouter.OFFLINE)) {
                actual = Math.addExact(actual, cost.picos(entry.getKey(), entry.getValue()));
            }
            total = plus(total, entry.getValue());
        }
        String premium = models.getFirst();
        long premiumPicos = cost.picos(premium, total);
        for (String model : models.subList(1, models.size())) {
            long picos = cost.picos(model, total);
            if (picos > premiumPicos) {
                premium = model;
                premiumPicos = picos;
            }
        }
        return Optional.of(new Savings(actual, premiumPicos, premium));
    }

    private static Usage plus(Usage a, Usage b) {
        return new Usage(
                Math.addExact(a.inputTokens(), b.inputTokens()),
                Math.addExact(a.cachedInputTokens(), b.cachedInputTokens()),
                Math.addExact(a.cacheWrite5mTokens(), b.cacheWrite5mTokens()),
                Math.addExact(a.cacheWrite1hTokens(), b.cacheWrite1hTokens()),
                Math.addExact(a.outputTokens(), b.outputTokens()),
                Math.addExact(a.reasoningTokens(), b.reasoningTokens()),
                a.estimated() || b.estimated());
    }
}
