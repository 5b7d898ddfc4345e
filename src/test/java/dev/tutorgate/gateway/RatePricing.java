package dev.tutorgate.gateway;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Usage;
import dev.tutorgate.pricing.Cost;
import java.math.BigDecimal;
import java.time.Instant;

/** Prices from the models' inline rates, OpenAI-style formula (until the pricing part lands). */
final class RatePricing implements CallPricing {
    private final TutorgateConfig config;

    RatePricing(TutorgateConfig config) {
        this.config = config;
    }

    private TutorgateConfig.PriceRates rates(String model) {
        return config.model(model).orElseThrow().price();
    }

    /** USD per 1M tokens → picos per token. */
    private static long perToken(BigDecimal usdPerMillion) {
        return usdPerMillion.movePointRight(6).longValueExact();
    }

    @Override
    public Cost cost(String model, Usage usage, Instant at) {
        TutorgateConfig.PriceRates r = rates(model);
        long in = perToken(r.input());
        long cached = r.cachedInput() == null ? in : perToken(r.cachedInput());
        long out = perToken(r.output());
        long picos = usage.uncachedInputTokens() * in + usage.cachedInputTokens() * cached + usage.outputTokens() * out;
        long without = usage.inputTokens() * in + usage.outputTokens() * out;
        return new Cost(picos, without);
    }

    @Override
    public long worstCasePicos(String model, long inputTokens, int maxOutputTokens, Instant at) {
        TutorgateConfig.PriceRates r = rates(model);
        return inputTokens * perToken(r.input()) + maxOutputTokens * perToken(r.output());
    }
}
