package dev.tutorgate.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.config.TutorgateConfig.Model;
import dev.tutorgate.config.TutorgateConfig.PriceRates;
import dev.tutorgate.core.Money;
import dev.tutorgate.core.Usage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {
    private static final LocalDate DAY = LocalDate.of(2026, 1, 15);
    private static final TutorgateConfig DEFAULTS = ConfigLoader.fromYaml(null, "defaults", Map.of()).config();
    private final CostCalculator calculator = new CostCalculator(PriceTable.from(DEFAULTS));

    // ---- provider-facts §0 worked examples, Usage built from the raw wire numbers ----

    @Test
    void geminiFlashWorkedExample() {
        long promptTokenCount = 12_000, cachedContentTokenCount = 10_000, candidatesTokenCount = 500, thoughtsTokenCount = 1_500;
        // Gemini: the prompt count includes the cached tokens; thoughts are separate from candidates and billed as output
        Usage usage = new Usage(promptTokenCount, cachedContentTokenCount, 0, 0,
                candidatesTokenCount + thoughtsTokenCount, thoughtsTokenCount, false);

        Cost cost = calculator.cost("gemini-2.5-flash", usage, DAY);

        assertThat(Money.micros(cost.picos())).isEqualTo(5_900);
        assertThat(cost.picos()).isEqualTo(5_900 * Money.PICOS_PER_MICRO);
        assertThat(Money.usd(cost.picos())).isEqualByComparingTo("0.0059");
        // without the cache: 12,000 × 0.30 + 2,000 × 2.50
        assertThat(Money.micros(cost.withoutCachePicos())).isEqualTo(8_600);
    }

    @Test
    void gpt41MiniWorkedExample() {
        long promptTokens = 12_000, cachedTokens = 10_240, completionTokens = 500;
        // OpenAI: prompt_tokens includes cached_tokens
        Usage usage = new Usage(promptTokens, cachedTokens, 0, 0, completionTokens, 0, false);

        Cost cost = calculator.cost("gpt-4.1-mini", usage, DAY);

        assertThat(Money.micros(cost.picos())).isEqualTo(2_528);
        assertThat(cost.picos()).isEqualTo(2_528 * Money.PICOS_PER_MICRO);
        assertThat(Money.micros(cost.withoutCachePicos())).isEqualTo(5_600);
    }

    @Test
    void claudeSonnetWorkedExample() {
        long inputTokens = 2_000, cacheReadInputTokens = 10_000, cacheCreation5m = 3_000, outputTokens = 500;
        // Anthropic: input_tokens excludes the cache; total input = input + cache_creation + cache_read
        Usage usage = new Usage(inputTokens + cacheCreation5m + cacheReadInputTokens, cacheReadInputTokens,
                cacheCreation5m, 0, outputTokens, 0, false);

        Cost cost = calculator.cost("claude-sonnet-4-5", usage, DAY);

        assertThat(Money.micros(cost.picos())).isEqualTo(27_750);
        assertThat(cost.picos()).isEqualTo(27_750 * Money.PICOS_PER_MICRO);
        assertThat(Money.micros(cost.withoutCachePicos())).isEqualTo(52_500); // 15,000 × 3 + 500 × 15
        assertThat(cost.savedByCachePicos()).isEqualTo((52_500 - 27_750) * Money.PICOS_PER_MICRO);
    }

    @Test
    void writingTheCacheCostsMoreThanNotCachingAtAll() {
        // the first call of a conversation writes the course to Anthropic's cache: 1.25× input
        Usage usage = new Usage(10_000, 0, 10_000, 0, 0, 0, false);

        Cost cost = calculator.cost("claude-sonnet-4-5", usage, DAY);

        assertThat(Money.micros(cost.picos())).isEqualTo(37_500);
        assertThat(Money.micros(cost.withoutCachePicos())).isEqualTo(30_000);
        assertThat(cost.savedByCachePicos()).isNegative();
    }

    // ---- long-context tier ----

    @Test
    void geminiProAtExactlyTheThresholdIsStillTheStandardTier() {
        Cost cost = calculator.cost("gemini-2.5-pro", Usage.of(200_000, 1_000), DAY);

        assertThat(cost.picos()).isEqualTo(Money.picosFromUsd("0.26")); // 200,000 × 1.25 + 1,000 × 10
    }

    @Test
    void geminiProOneTokenOverTheThresholdPricesTheWholeRequestAtLongContextRates() {
        Cost cost = calculator.cost("gemini-2.5-pro", Usage.of(200_001, 1_000), DAY);

        assertThat(cost.picos()).isEqualTo(Money.picosFromUsd("0.5150025")); // 200,001 × 2.50 + 1,000 × 15
    }

    @Test
    void sonnetLongContextCountsCachedAndWrittenTokensTowardTheThreshold() {
        Usage atThreshold = new Usage(200_000, 150_000, 50_000, 0, 100, 0, false);
        Usage oneOver = new Usage(200_001, 150_000, 50_000, 0, 100, 0, false);

        // 150,000 × 0.30 + 50,000 × 3.75 + 100 × 15
        assertThat(calculator.cost("claude-sonnet-4-5", atThreshold, DAY).picos()).isEqualTo(Money.picosFromUsd("0.234"));
        // 1 × 6 + 150,000 × 0.60 + 50,000 × 7.50 + 100 × 22.50
        assertThat(calculator.cost("claude-sonnet-4-5", oneOver, DAY).picos()).isEqualTo(Money.picosFromUsd("0.467256"));
    }

    // ---- missing prices and defaults ----

    @Test
    void aModelWithoutAPriceIsAnErrorNotAFreeCall() {
        assertThatThrownBy(() -> calculator.cost("mystery-model", Usage.of(10, 10), DAY))
                .isInstanceOf(UnknownPriceException.class)
                .hasMessageContaining("'mystery-model'")
                .hasMessageContaining("no price row")
                .hasMessageContaining("prices:");
        assertThatThrownBy(() -> calculator.worstCasePicos("mystery-model", 10, 10, DAY))
                .isInstanceOf(UnknownPriceException.class);
    }

    @Test
    void aDayBeforeAModelsFirstPriceRowHasNoPrice() {
        assertThatThrownBy(() -> calculator.cost("claude-sonnet-4-5", Usage.of(10, 10), LocalDate.of(2025, 9, 28)))
                .isInstanceOf(UnknownPriceException.class)
                .hasMessageContaining("2025-09-28")
                .hasMessageContaining("starts 2025-09-29");
        assertThat(calculator.cost("claude-sonnet-4-5", Usage.of(10, 10), LocalDate.of(2025, 9, 29)).picos()).isPositive();
    }

    @Test
    void theOfflineAnswererCostsNothing() {
        assertThat(calculator.cost("offline", Usage.of(5_000, 300), DAY)).isEqualTo(Cost.ZERO);
        assertThat(calculator.worstCasePicos("offline", 5_000, 300, DAY)).isZero();
    }

    @Test
    void withoutACachedPriceCachedTokensCostThePlainInputPrice() {
        CostCalculator own = calculatorWith(new Model("tiny", "p", null, rates("0.50", null, null, null, "1.50"), null, null));

        Cost cost = own.cost("tiny", new Usage(1_000, 800, 0, 0, 100, 0, false), DAY);

        assertThat(cost.picos()).isEqualTo(Money.picosFromUsd("0.00065")); // 1,000 × 0.50 + 100 × 1.50
        assertThat(cost.withoutCachePicos()).isEqualTo(cost.picos());
    }

    @Test
    void missingCacheWritePricesDefaultToOneQuarterAndDoubleTheInputPrice() {
        CostCalculator own = calculatorWith(new Model("claude-custom", "p", null, rates("2.00", "0.20", null, null, "10"), null, null));

        Cost cost = own.cost("claude-custom", new Usage(3_000, 0, 1_000, 2_000, 0, 0, false), DAY);

        assertThat(cost.picos()).isEqualTo(Money.picosFromUsd("0.0105")); // 1,000 × 2.50 + 2,000 × 4.00
    }

    @Test
    void pricesFinerThanAPicoPerTokenAreSummedExactlyBeforeOneRounding() {
        // 0.0000004 USD per 1M tokens = 0.4 pico per token: rounding per token would give 0
        CostCalculator own = calculatorWith(new Model("nearly-free", "p", null, rates("0.0000004", null, null, null, "0"), null, null));

        assertThat(own.cost("nearly-free", Usage.of(5, 0), DAY).picos()).isEqualTo(2);
        assertThat(own.cost("nearly-free", Usage.of(4, 0), DAY).picos()).isEqualTo(2); // 1.6 → 2
        assertThat(own.worstCasePicos("nearly-free", 4, 0, DAY)).isEqualTo(2);
        assertThat(own.worstCasePicos("nearly-free", 1, 0, DAY)).isEqualTo(1); // 0.4 rounds up for a reservation
    }

    // ---- worst case ----

    @Test
    void worstCasePricesEveryInputTokenUncachedPlusTheFullOutput() {
        // 12,000 × 0.40 + 1,024 × 1.60
        assertThat(calculator.worstCasePicos("gpt-4.1-mini", 12_000, 1_024, DAY)).isEqualTo(Money.picosFromUsd("0.0064384"));
    }

    @Test
    void worstCaseOfACacheWritingModelAssumesEveryInputTokenIsAFiveMinuteCacheWrite() {
        // tutorgate sends the 5-minute TTL, so Sonnet may write every input token at 3.75 (never the
        // 1-hour 6.00): 10,000 × 3.75 + 1,000 × 15 = 52,500 µ$
        assertThat(calculator.worstCasePicos("claude-sonnet-4-5", 10_000, 1_000, DAY)).isEqualTo(Money.picosFromUsd("0.0525"));
        Usage allWritten = new Usage(10_000, 0, 10_000, 0, 1_000, 0, false);
        assertThat(calculator.cost("claude-sonnet-4-5", allWritten, DAY).picos()).isEqualTo(Money.picosFromUsd("0.0525"));
    }

    @Test
    void worstCaseAboveTheThresholdUsesTheLongContextRates() {
        assertThat(calculator.worstCasePicos("gemini-2.5-pro", 200_000, 1_000, DAY)).isEqualTo(Money.picosFromUsd("0.26"));
        assertThat(calculator.worstCasePicos("gemini-2.5-pro", 200_001, 1_000, DAY)).isEqualTo(Money.picosFromUsd("0.5150025"));
    }

    @Test
    void worstCaseRefusesNegativeCounts() {
        assertThatThrownBy(() -> calculator.worstCasePicos("gpt-4.1-mini", -1, 10, DAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calculator.worstCasePicos("gpt-4.1-mini", 1, -10, DAY)).isInstanceOf(IllegalArgumentException.class);
    }

    static PriceRates rates(String input, String cached, String write5m, String write1h, String output) {
        return new PriceRates(decimal(input), decimal(cached), decimal(write5m), decimal(write1h), decimal(output), null);
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static CostCalculator calculatorWith(Model model) {
        return new CostCalculator(new PriceTable(DEFAULTS.prices(), List.of(model)));
    }
}
