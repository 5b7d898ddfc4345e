package dev.tutorgate.scaling;

import java.time.Instant;
import java.util.List;

/**
 * One API key against its tier's limits, right now. For keys that share one account's limits
 * ({@code keysShareLimits: true}) the uses, peaks, 429s and the warning are the account's, the same
 * on each of its keys; {@code sharedAs} names the account.
 *
 * @param tier              the configured tier (free, tier1 … custom), or null when none is set
 * @param detectedTier      the published tier whose limits match what the provider reports, if any
 * @param limitsBasis       where the limits come from ("gemini tier1 (gemini-2.5-flash …)")
 * @param sharedAs          null when the key has its own limits, else the account's name ("gemini-main#*")
 * @param requestsPerMinute use of RPM: the provider's view while fresh (never below our own count), else ours
 * @param tokensPerMinute   use of TPM, the same way
 * @param requestsPerDay    use of RPD: our own count (providers send no daily figures)
 * @param providerView      the key's latest rate-limit headers; null when the provider sent none (Gemini)
 * @param providerViewFresh whether that view is recent enough to count ({@code scaling.providerViewMaxAgeSeconds})
 * @param warning           whether RPM or TPM use is at or above {@code scaling.warnAtFraction}
 * @param warnedAt          when the warning was last raised, or null
 * @param peakRequestsPerMinute the highest RPM use seen in the last 24 hours
 * @param peakTokensPerMinute   the highest TPM use seen in the last 24 hours
 * @param rateLimitedLastDay    429s the provider answered in the last 24 hours
 * @param queued            requests waiting in the provider throttle for room under the limits, now
 * @param notes             what the operator should know ("the provider reports 5,000 RPM …")
 */
public record KeyTier(
        String keyAlias,
        String provider,
        String tier,
        String detectedTier,
        String limitsBasis,
        String sharedAs,
        LimitUse requestsPerMinute,
        LimitUse tokensPerMinute,
        LimitUse requestsPerDay,
        ProviderView providerView,
        boolean providerViewFresh,
        boolean warning,
        Instant warnedAt,
        long peakRequestsPerMinute,
        long peakTokensPerMinute,
        long rateLimitedLastDay,
        int queued,
        List<String> notes) {

    public KeyTier {
        notes = List.copyOf(notes);
    }
}
