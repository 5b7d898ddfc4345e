package dev.tutorgate.pricing;

import dev.tutorgate.core.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * Exact cost of a model call in pico-dollars, the same formula for every provider because
 * {@link Usage} is already normalised (provider-facts §0):
 *
 * <pre>
 *   uncached input × input + cached × cachedInput + 5-min cache writes × cacheWrite5m
 *   + 1-hour cache writes × cacheWrite1h + output (reasoning included) × output
 * </pre>
 *
 * A missing cachedInput is the input rate; missing cache-write rates are 1.25× and 2× the input
 * rate. When the request's total input exceeds a model's long-context threshold, every token of
 * it is priced at the long-context rates. Money is BigDecimal until one final rounding, never
 * double. The course-search answerer, "offline", costs nothing.
 */
public final class CostCalculator {
    public static final String OFFLINE = "offline";

    private final PriceTable prices;

    public CostCalculator(PriceTable prices) {
        this.prices = prices;
    }

    /**
     * @throws UnknownPriceException when no price is in force for {@code model} on {@code date}
     */
    public Cost cost(String model, Usage usage, LocalDate date) {
        if (OFFLINE.equals(model)) {
            return Cost.ZERO;
        }
        return price(rates(model, date).tierFor(usage.inputTokens()), usage);
    }

    /**
     * What {@code calls} calls that used {@code totals} tokens together cost, each priced in the tier
     * of the average call: the long-context rates apply when the average call's input exceeds the
     * threshold, never because the totals do. For figures over many calls, such as routing savings
     * from the ledger's token totals; exact when the calls are alike in size.
     *
     * @throws UnknownPriceException when no price is in force for {@code model} on {@code date}
     */
    public Cost costOfCalls(String model, Usage totals, long calls, LocalDate date) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1");
        }
        if (OFFLINE.equals(model)) {
            return Cost.ZERO;
        }
        return price(rates(model, date).tierFor(Math.ceilDiv(totals.inputTokens(), calls)), totals);
    }

    private static Cost price(TokenRates.Tier tier, Usage usage) {
        BigDecimal output = tier.output().multiply(BigDecimal.valueOf(usage.outputTokens()));
        BigDecimal picos = tier.input().multiply(BigDecimal.valueOf(usage.uncachedInputTokens()))
                .add(tier.cachedInput().multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
                .add(tier.cacheWrite5m().multiply(BigDecimal.valueOf(usage.cacheWrite5mTokens())))
                .add(tier.cacheWrite1h().multiply(BigDecimal.valueOf(usage.cacheWrite1hTokens())))
                .add(output);
        BigDecimal withoutCache = tier.input().multiply(BigDecimal.valueOf(usage.inputTokens())).add(output);
        return new Cost(round(picos, RoundingMode.HALF_UP), round(withoutCache, RoundingMode.HALF_UP));
    }

    /**
     * The most a call can cost if it sends at most {@code estimatedInputTokens} and gets at most
     * {@code maxOutputTokens}: what a budget reserves before the call. Every input token is priced
     * at the dearest input-side rate the model bills (plain input; also cache writes for a model
     * priced for them, since Anthropic bills a cache write above the input rate), and when the
     * input exceeds the long-context threshold, at the dearer of the two tiers. Rounded up.
     *
     * @throws UnknownPriceException when no price is in force for {@code model} on {@code date}
     */
    public long worstCasePicos(String model, long estimatedInputTokens, long maxOutputTokens, LocalDate date) {
        if (estimatedInputTokens < 0 || maxOutputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        if (OFFLINE.equals(model)) {
            return 0;
        }
        TokenRates rates = rates(model, date);
        TokenRates.Tier tier = estimatedInputTokens > rates.longContextThreshold()
                ? rates.base().max(rates.longContext())
                : rates.base();
        BigDecimal picos = tier.worstInput().multiply(BigDecimal.valueOf(estimatedInputTokens))
                .add(tier.output().multiply(BigDecimal.valueOf(maxOutputTokens)));
        return round(picos, RoundingMode.CEILING);
    }

    private TokenRates rates(String model, LocalDate date) {
        return prices.tokenRates(model, date)
                .orElseThrow(() -> new UnknownPriceException(model, date, prices.missingDetail(model)));
    }

    private static long round(BigDecimal picos, RoundingMode mode) {
        return picos.setScale(0, mode).longValueExact();
    }
}
