package dev.tutorgate.pricing;

import dev.tutorgate.config.TutorgateConfig.LongContext;
import dev.tutorgate.config.TutorgateConfig.PriceRates;
import java.math.BigDecimal;

/**
 * One model's configured rates turned into pico-dollars per token, once, with the documented
 * defaults filled in. Exact: a price of up to six decimals per million tokens is a whole number of
 * picos per token, and anything finer stays an exact BigDecimal until the final rounding.
 *
 * @param longContextThreshold requests whose total input exceeds this are priced wholly at
 *                             {@code longContext}; {@link Long#MAX_VALUE} when the model has no such tier
 */
record TokenRates(PriceRates source, Tier base, long longContextThreshold, Tier longContext) {
    private static final BigDecimal CACHE_WRITE_5M_FACTOR = new BigDecimal("1.25");
    private static final BigDecimal CACHE_WRITE_1H_FACTOR = BigDecimal.valueOf(2);

    /**
     * Picos per token in one tier.
     *
     * @param worstInput the dearest way this tier may bill an input token, for budget reservations:
     *                   the input and cached rates, and the 5-minute cache-write rate if the model is
     *                   priced for cache writes at all (a model without write prices is taken not to
     *                   write). Only the 5-minute rate: tutorgate marks its cache breakpoints with the
     *                   default 5-minute TTL (provider.anthropic), so a 1-hour write never happens.
     */
    record Tier(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h,
                BigDecimal output, BigDecimal worstInput) {

        static Tier of(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h,
                       BigDecimal output, boolean writesCache) {
            BigDecimal in = perToken(input);
            BigDecimal cached = cachedInput == null ? in : perToken(cachedInput);
            BigDecimal write5m = cacheWrite5m == null ? in.multiply(CACHE_WRITE_5M_FACTOR) : perToken(cacheWrite5m);
            BigDecimal write1h = cacheWrite1h == null ? in.multiply(CACHE_WRITE_1H_FACTOR) : perToken(cacheWrite1h);
            BigDecimal worst = in.max(cached);
            if (writesCache) {
                worst = worst.max(write5m);
            }
            return new Tier(in, cached, write5m, write1h, perToken(output), worst);
        }

        /** The dearer of two tiers, rate by rate: a bound whichever of them ends up applying. */
        Tier max(Tier other) {
            return new Tier(input.max(other.input), cachedInput.max(other.cachedInput),
                    cacheWrite5m.max(other.cacheWrite5m), cacheWrite1h.max(other.cacheWrite1h),
                    output.max(other.output), worstInput.max(other.worstInput));
        }

        /** USD per 1M tokens → picos per token: × 10¹² / 10⁶. */
        private static BigDecimal perToken(BigDecimal usdPerMillion) {
            return usdPerMillion.movePointRight(6);
        }
    }

    static TokenRates of(PriceRates rates) {
        boolean writesCache = rates.cacheWrite5m() != null || rates.cacheWrite1h() != null;
        Tier base = Tier.of(rates.input(), rates.cachedInput(), rates.cacheWrite5m(), rates.cacheWrite1h(),
                rates.output(), writesCache);
        LongContext lc = rates.longContext();
        if (lc == null) {
            return new TokenRates(rates, base, Long.MAX_VALUE, base);
        }
        Tier longContext = Tier.of(lc.input(), lc.cachedInput(), lc.cacheWrite5m(), lc.cacheWrite1h(), lc.output(),
                writesCache || lc.cacheWrite5m() != null || lc.cacheWrite1h() != null);
        return new TokenRates(rates, base, lc.thresholdTokens(), longContext);
    }

    /** The tier of a request whose total input (cached and cache writes included) is {@code inputTokens}. */
    Tier tierFor(long inputTokens) {
        return inputTokens > longContextThreshold ? longContext : base;
    }
}
