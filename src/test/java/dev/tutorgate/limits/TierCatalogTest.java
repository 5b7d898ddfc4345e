package dev.tutorgate.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ProviderType;
import dev.tutorgate.config.TutorgateConfig;
import org.junit.jupiter.api.Test;

class TierCatalogTest {
    private final TierCatalog catalog = TierCatalog.bundled();

    @Test
    void theBundledTableHoldsProviderFactsSectionSeven() {
        assertThat(catalog.published(ProviderType.GEMINI, "free")).isEqualTo(
                new ProviderLimits(10L, 250_000L, null, 250L, ProviderLimits.TokenCounting.INPUT_AND_OUTPUT));
        assertThat(catalog.published(ProviderType.GEMINI, "tier1")).isEqualTo(
                new ProviderLimits(1_000L, 1_000_000L, null, 10_000L, ProviderLimits.TokenCounting.INPUT_AND_OUTPUT));
        assertThat(catalog.published(ProviderType.GEMINI, "tier2").rpd()).isEqualTo(100_000L);
        assertThat(catalog.published(ProviderType.GEMINI, "tier3").rpd()).isNull(); // unpublished
        assertThat(catalog.published(ProviderType.OPENAI, "tier1")).isEqualTo(
                new ProviderLimits(500L, 200_000L, null, 10_000L, ProviderLimits.TokenCounting.INPUT_AND_OUTPUT));
        assertThat(catalog.published(ProviderType.ANTHROPIC, "tier1")).isEqualTo(
                new ProviderLimits(50L, 30_000L, 8_000L, null, ProviderLimits.TokenCounting.INPUT));
        assertThat(catalog.published(ProviderType.ANTHROPIC, "tier4")).isEqualTo(
                new ProviderLimits(4_000L, 2_000_000L, 400_000L, null, ProviderLimits.TokenCounting.INPUT));
        assertThat(catalog.published(ProviderType.OPENAI_COMPATIBLE, "tier1")).isNull();
    }

    @Test
    void aPublishedTierIsUsedAsIs() {
        TierCatalog.Resolved r = catalog.resolve("claude", ProviderType.ANTHROPIC, "tier2", null);
        assertThat(r.limits().rpm()).isEqualTo(1_000L);
        assertThat(r.limits().outputTpm()).isEqualTo(90_000L);
        assertThat(r.basis()).startsWith("anthropic tier2 (Claude Sonnet 4.x");
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void overridesReplaceOnlyTheFieldsTheySet() {
        TierCatalog.Resolved r = catalog.resolve("gemini-main", ProviderType.GEMINI, "TIER1",
                new TutorgateConfig.TierLimits(100L, null, 5_000L));
        assertThat(r.limits()).isEqualTo(
                new ProviderLimits(100L, 1_000_000L, null, 5_000L, ProviderLimits.TokenCounting.INPUT_AND_OUTPUT));
        assertThat(r.basis()).endsWith("with configured overrides");
    }

    @Test
    void anUnpublishedHigherTierFallsBackToTheHighestPublishedBelowIt() {
        TierCatalog.Resolved openai = catalog.resolve("openai-main", ProviderType.OPENAI, "tier4", null);
        assertThat(openai.limits()).isEqualTo(catalog.published(ProviderType.OPENAI, "tier1"));
        assertThat(openai.notes()).singleElement().asString().contains("tier4").contains("tier1");

        TierCatalog.Resolved gemini = catalog.resolve("g", ProviderType.GEMINI, "tier5", null);
        assertThat(gemini.limits()).isEqualTo(catalog.published(ProviderType.GEMINI, "tier3"));
    }

    @Test
    void aTierWithNothingPublishedAtOrBelowItHasOnlyTheConfiguredLimits() {
        TierCatalog.Resolved r = catalog.resolve("openai-free", ProviderType.OPENAI, "free",
                new TutorgateConfig.TierLimits(3L, 40_000L, 200L));
        assertThat(r.limits()).isEqualTo(new ProviderLimits(3L, 40_000L, null, 200L, ProviderLimits.TokenCounting.INPUT_AND_OUTPUT));
        assertThat(r.notes()).singleElement().asString().contains("publishes no limits for free");
    }

    @Test
    void customMeansOnlyTheConfiguredLimits() {
        TierCatalog.Resolved r = catalog.resolve("g", ProviderType.GEMINI, "custom", new TutorgateConfig.TierLimits(7L, null, null));
        assertThat(r.limits()).isEqualTo(new ProviderLimits(7L, null, null, null, ProviderLimits.TokenCounting.INPUT_AND_OUTPUT));
        assertThat(r.basis()).isEqualTo("configured limits only");
        assertThat(catalog.resolve("g", ProviderType.GEMINI, "custom", null).limits().isUnlimited()).isTrue();
    }

    @Test
    void noTierMeansNoTierLimitsAndAWarning() {
        TierCatalog.Resolved r = catalog.resolve("g", ProviderType.GEMINI, null, null);
        assertThat(r.limits().isUnlimited()).isTrue();
        assertThat(r.notes()).singleElement().asString().contains("no tier set");
        // a self-hosted server has no tiers at all, and nothing to warn about
        TierCatalog.Resolved local = catalog.resolve("llama", ProviderType.OPENAI_COMPATIBLE, null, null);
        assertThat(local.limits().isUnlimited()).isTrue();
        assertThat(local.notes()).isEmpty();
    }

    @Test
    void anUnknownTierIsRejected() {
        assertThatThrownBy(() -> catalog.resolve("g", ProviderType.GEMINI, "gold", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gold");
    }
}
