package dev.tutorgate.scaling;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.pricing.PriceTable;
import java.time.LocalDate;
import java.util.List;

/** The advisor over a real configuration, the bundled tier table and the dated price table. */
final class AdvisorFixture {
    static final LocalDate PRICED_ON = LocalDate.of(2026, 3, 2);
    static final int MIN_SAMPLE = 20;

    /** Providers gemini-main and openai-main on the given tiers, with flash, mini and sonnet configured. */
    static String yaml(String geminiTier, String openAiTier) {
        return """
                limits: { providerQueueMaxWaitMs: 0 }
                providers:
                  - { name: gemini-main, type: gemini, apiKeys: ["g1"], tier: %s }
                  - { name: openai-main, type: openai, apiKeys: ["o1"], tier: %s }
                  - { name: anthropic-main, type: anthropic, apiKeys: ["a1"], tier: tier1 }
                models:
                  - { name: gemini-2.5-flash, provider: gemini-main }
                  - { name: gpt-4.1-mini, provider: openai-main }
                  - { name: claude-sonnet-4-5, provider: anthropic-main }
                """.formatted(geminiTier, openAiTier);
    }

    final TierFixture tiers;
    final Advisor advisor;

    AdvisorFixture(String yaml) {
        tiers = new TierFixture(yaml);
        TutorgateConfig config = tiers.config;
        CostCalculator prices = new CostCalculator(PriceTable.from(config));
        advisor = Advisor.fromConfig(config, (model, usage) -> prices.cost(model, usage, PRICED_ON).picos(),
                TierCatalog.bundled(), MIN_SAMPLE);
    }

    AdvisorFixture(String geminiTier, String openAiTier) {
        this(yaml(geminiTier, openAiTier));
    }

    List<Advice> advise(FactsBuilder facts) {
        return advisor.advise(facts.build(), tiers.status());
    }

    ScalingReport report(FactsBuilder facts) {
        return advisor.report(facts.build(), tiers.status());
    }

    Advice only(FactsBuilder facts, Advice.Topic topic) {
        List<Advice> found = advise(facts).stream().filter(a -> a.topic() == topic).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + topic + " advice, got " + found);
        }
        return found.getFirst();
    }

    boolean has(FactsBuilder facts, Advice.Topic topic) {
        return advise(facts).stream().anyMatch(a -> a.topic() == topic);
    }
}
