package dev.tutorgate.scaling;

import java.util.List;

/**
 * A provider's keys together: the effective capacity of round-robin over them. Keys with limits of
 * their own add up (two Gemini projects at 1,000 RPM = 2,000 RPM); keys sharing one account's
 * limits count once. A limit is null (unlimited) when any key's is.
 *
 * @param type              gemini, openai, anthropic, openai-compatible
 * @param tier              the configured tier, or null
 * @param keys              configured keys
 * @param keysShareLimits   whether the keys share one account's limits
 * @param models            the configured models served by this provider
 * @param requestsPerMinute use against the keys' combined RPM
 * @param tokensPerMinute   use against the keys' combined TPM
 * @param requestsPerDay    use against the keys' combined RPD
 * @param peakRequestsPerMinute the highest combined RPM use seen in the last 24 hours
 * @param peakTokensPerMinute   the highest combined TPM use seen in the last 24 hours
 * @param rateLimitedLastDay    429s from the provider on any of its keys in the last 24 hours
 * @param warnings          how many of its keys (or its shared account) are at the warning level now
 */
public record ProviderTier(
        String provider,
        String type,
        String tier,
        int keys,
        boolean keysShareLimits,
        List<String> models,
        LimitUse requestsPerMinute,
        LimitUse tokensPerMinute,
        LimitUse requestsPerDay,
        long peakRequestsPerMinute,
        long peakTokensPerMinute,
        long rateLimitedLastDay,
        int warnings) {

    public ProviderTier {
        models = List.copyOf(models);
    }
}
