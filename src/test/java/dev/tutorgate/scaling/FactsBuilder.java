package dev.tutorgate.scaling;

import dev.tutorgate.core.Complexity;
import dev.tutorgate.core.Money;
import dev.tutorgate.core.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ledger figures for the advisor, starting from a healthy course that no rule speaks about:
 * 40 students, 1,000 model calls all on gemini-2.5-flash, 0.5% errors, 0.2% from rate limits,
 * TTFT p95 900 ms, 85% cache hits, $3.00 per student, $120 a month, questions 60/30/10.
 */
final class FactsBuilder {
    long students = 40;
    long modelCalls = 1_000;
    BigDecimal errorPercent = new BigDecimal("0.5");
    BigDecimal rateLimitErrorPercent = new BigDecimal("0.2");
    long ttftCount = 1_000;
    Long ttftP95Ms = 900L;
    BigDecimal cacheHitPercent = new BigDecimal("85");
    Long cpsmPicos = Money.picosFromUsd("3.00");
    Long projectedMonthPicos = Money.picosFromUsd("120");
    List<ScalingFacts.ModelTraffic> models = new ArrayList<>(List.of(
            new ScalingFacts.ModelTraffic("gemini-2.5-flash", 1_000, Usage.of(150_000, 15_000))));
    Map<Complexity, Long> mix = Map.of(Complexity.SIMPLE, 600L, Complexity.MEDIUM, 300L, Complexity.COMPLEX, 100L);

    FactsBuilder students(long n) {
        students = n;
        return this;
    }

    FactsBuilder calls(long n) {
        modelCalls = n;
        ttftCount = n;
        return this;
    }

    FactsBuilder errors(String percent, String rateLimitPercent) {
        errorPercent = new BigDecimal(percent);
        rateLimitErrorPercent = new BigDecimal(rateLimitPercent);
        return this;
    }

    FactsBuilder ttftP95(long ms) {
        ttftP95Ms = ms;
        return this;
    }

    FactsBuilder cacheHit(String percent) {
        cacheHitPercent = new BigDecimal(percent);
        return this;
    }

    FactsBuilder costPerStudent(String usd) {
        cpsmPicos = Money.picosFromUsd(usd);
        return this;
    }

    FactsBuilder projectedMonth(String usd) {
        projectedMonthPicos = Money.picosFromUsd(usd);
        return this;
    }

    FactsBuilder traffic(ScalingFacts.ModelTraffic... traffic) {
        models = List.of(traffic);
        return this;
    }

    FactsBuilder mix(long simple, long medium, long complex) {
        mix = Map.of(Complexity.SIMPLE, simple, Complexity.MEDIUM, medium, Complexity.COMPLEX, complex);
        return this;
    }

    ScalingFacts build() {
        return new ScalingFacts(students, modelCalls, errorPercent, rateLimitErrorPercent, ttftCount, ttftP95Ms,
                cacheHitPercent, cpsmPicos, projectedMonthPicos, models, mix);
    }
}
