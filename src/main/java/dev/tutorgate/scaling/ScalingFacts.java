package dev.tutorgate.scaling;

import dev.tutorgate.core.Complexity;
import dev.tutorgate.core.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ledger's figures the advisor reads, for one range (the monitoring summary has them all).
 * A null figure is unknown (no calls, no students) and its rule stays quiet.
 *
 * @param students              the count the thresholds table is read with (enabled accounts, or
 *                              the active students if more)
 * @param modelCalls            calls to a language model in the range
 * @param errorPercent          failed model calls, percent
 * @param rateLimitErrorPercent model calls refused for the provider's limits, percent
 * @param ttftCount             answered model calls with a time to first token
 * @param ttftP95Ms             their 95th percentile, ms
 * @param cacheHitPercent       input tokens served from the prompt cache, percent
 * @param costPerStudentMonthPicos cost per student per month
 * @param projectedMonthPicos   the range's spending over 30 days
 * @param models                traffic per model that answered (offline excluded)
 * @param requestsByComplexity  requests per complexity label
 */
public record ScalingFacts(
        long students,
        long modelCalls,
        BigDecimal errorPercent,
        BigDecimal rateLimitErrorPercent,
        long ttftCount,
        Long ttftP95Ms,
        BigDecimal cacheHitPercent,
        Long costPerStudentMonthPicos,
        Long projectedMonthPicos,
        List<ModelTraffic> models,
        Map<Complexity, Long> requestsByComplexity) {

    public ScalingFacts {
        models = List.copyOf(models);
        requestsByComplexity = Map.copyOf(requestsByComplexity);
    }

    /** One model's answered calls and their tokens. */
    public record ModelTraffic(String model, long calls, Usage usage) {
        public ModelTraffic {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(usage, "usage");
        }
    }
}
