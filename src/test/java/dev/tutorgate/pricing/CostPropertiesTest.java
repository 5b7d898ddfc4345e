package dev.tutorgate.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.config.TutorgateConfig.Model;
import dev.tutorgate.config.TutorgateConfig.PriceRates;
import dev.tutorgate.core.Usage;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Every model of the default price table, plus models with missing cache prices and sub-pico prices. */
class CostPropertiesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 1, 15);
    private static final TutorgateConfig DEFAULTS = ConfigLoader.fromYaml(null, "defaults", Map.of()).config();
    private static final List<Model> EXTRA_MODELS = List.of(
            new Model("no-cache-price", "p", null, CostCalculatorTest.rates("0.50", null, null, null, "1.50"), null, null),
            new Model("writes-5m-price-only", "p", null, CostCalculatorTest.rates("2.00", "0.20", "2.50", null, "10"), null, null),
            new Model("self-hosted", "p", null, CostCalculatorTest.rates("0", null, null, null, "0"), null, null),
            new Model("sub-pico", "p", null, CostCalculatorTest.rates("0.0000003", "0.0000001", null, null, "0.0000007"), null, null));
    private static final PriceTable TABLE = new PriceTable(DEFAULTS.prices(), EXTRA_MODELS);
    private static final CostCalculator CALCULATOR = new CostCalculator(TABLE);

    /** Token counts by how they are billed; {@code reasoning} is part of {@code output}. */
    record Tokens(long uncached, long cached, long write5m, long write1h, long output, long reasoning) {
        Usage usage() {
            return new Usage(uncached + cached + write5m + write1h, cached, write5m, write1h, output, reasoning, false);
        }

        Tokens grow(int category, long more) {
            return switch (category) {
                case 0 -> new Tokens(uncached + more, cached, write5m, write1h, output, reasoning);
                case 1 -> new Tokens(uncached, cached + more, write5m, write1h, output, reasoning);
                case 2 -> new Tokens(uncached, cached, write5m + more, write1h, output, reasoning);
                case 3 -> new Tokens(uncached, cached, write5m, write1h + more, output, reasoning);
                case 4 -> new Tokens(uncached, cached, write5m, write1h, output + more, reasoning);
                default -> new Tokens(uncached, cached, write5m, write1h, output + more, reasoning + more);
            };
        }

        Tokens withoutCacheWrites() {
            return new Tokens(uncached, cached, 0, 0, output, reasoning);
        }

        /** tutorgate only writes 5-minute caches (see TokenRates.Tier#worstInput). */
        Tokens withoutOneHourWrites() {
            return new Tokens(uncached, cached, write5m, 0, output, reasoning);
        }
    }

    @Provide
    Arbitrary<String> models() {
        return Arbitraries.of(Stream.concat(DEFAULTS.prices().stream().map(TutorgateConfig.Price::model),
                EXTRA_MODELS.stream().map(Model::name)).distinct().toList());
    }

    /** Up to 300K per kind, so that totals land on both sides of the 200K long-context threshold. */
    @Provide
    Arbitrary<Tokens> tokens() {
        Arbitrary<Long> count = Arbitraries.longs().between(0, 300_000)
                .edgeCases(edges -> edges.add(199_999L).add(200_000L).add(200_001L));
        return Combinators.combine(count, count, count, count, count, Arbitraries.doubles().between(0, 1))
                .as((uncached, cached, write5m, write1h, output, share) ->
                        new Tokens(uncached, cached, write5m, write1h, output, (long) (output * share)));
    }

    @Property
    void costNeverDecreasesWhenAnyTokenCountGrows(@ForAll("models") String model, @ForAll("tokens") Tokens tokens,
                                                  @ForAll @IntRange(min = 0, max = 5) int category,
                                                  @ForAll @LongRange(min = 1, max = 300_000) long more) {
        Cost before = cost(model, tokens);
        Cost after = cost(model, tokens.grow(category, more));

        assertThat(after.picos()).isGreaterThanOrEqualTo(before.picos());
        assertThat(after.withoutCachePicos()).isGreaterThanOrEqualTo(before.withoutCachePicos());
    }

    /**
     * Reading from the cache never costs more than not caching. Writing to it may (Anthropic bills
     * a write at 1.25× or 2× the input price), so that case is left out here and pinned by
     * CostCalculatorTest#writingTheCacheCostsMoreThanNotCachingAtAll.
     */
    @Property
    void costIsAtMostTheCostWithoutCacheWhenNothingIsWrittenToTheCache(@ForAll("models") String model,
                                                                       @ForAll("tokens") Tokens tokens) {
        Cost cost = cost(model, tokens.withoutCacheWrites());

        assertThat(cost.picos()).isLessThanOrEqualTo(cost.withoutCachePicos());
    }

    /**
     * A model priced without cache-write rates is taken not to write to the cache, and a model that
     * does write only writes 5-minute entries (the TTL tutorgate sends).
     */
    @Property
    void worstCaseCoversEveryUsageWithinTheReservation(@ForAll("models") String model, @ForAll("tokens") Tokens tokens,
                                                       @ForAll @LongRange(min = 0, max = 300_000) long spareInput,
                                                       @ForAll @LongRange(min = 0, max = 10_000) long spareOutput) {
        PriceRates rates = TABLE.ratesFor(model, DAY).orElseThrow();
        boolean writesCache = rates.cacheWrite5m() != null || rates.cacheWrite1h() != null;
        Usage usage = (writesCache ? tokens.withoutOneHourWrites() : tokens.withoutCacheWrites()).usage();

        long reserved = CALCULATOR.worstCasePicos(model, usage.inputTokens() + spareInput, usage.outputTokens() + spareOutput, DAY);

        assertThat(reserved).isGreaterThanOrEqualTo(CALCULATOR.cost(model, usage, DAY).picos());
    }

    private static Cost cost(String model, Tokens tokens) {
        return CALCULATOR.cost(model, tokens.usage(), DAY);
    }
}
