package dev.tutorgate.limits;

import dev.tutorgate.config.TutorgateConfig;

/**
 * What one provider key may send; a null field is not limited.
 *
 * @param rpm       requests per minute
 * @param tpm       tokens per minute, counted as {@code tpmCounts} says
 * @param outputTpm output tokens per minute (Anthropic's OTPM)
 * @param rpd       requests per day
 */
public record ProviderLimits(Long rpm, Long tpm, Long outputTpm, Long rpd, TokenCounting tpmCounts) {
    public static final ProviderLimits NONE = new ProviderLimits(null, null, null, null, TokenCounting.INPUT_AND_OUTPUT);

    /** What a provider's tokens-per-minute limit counts. */
    public enum TokenCounting {
        /** The prompt plus the requested max output (OpenAI, Gemini). */
        INPUT_AND_OUTPUT,
        /** The prompt only (Anthropic's ITPM); output has its own {@code outputTpm}. */
        INPUT
    }

    public ProviderLimits {
        requireNonNegative("rpm", rpm);
        requireNonNegative("tpm", tpm);
        requireNonNegative("outputTpm", outputTpm);
        requireNonNegative("rpd", rpd);
        if (tpmCounts == null) {
            tpmCounts = TokenCounting.INPUT_AND_OUTPUT;
        }
    }

    /** These limits with the configured overrides ({@code providers[].limits}) in place of the fields they set. */
    public ProviderLimits withOverrides(TutorgateConfig.TierLimits overrides) {
        if (overrides == null) {
            return this;
        }
        return new ProviderLimits(
                overrides.rpm() != null ? overrides.rpm() : rpm,
                overrides.tpm() != null ? overrides.tpm() : tpm,
                outputTpm,
                overrides.rpd() != null ? overrides.rpd() : rpd,
                tpmCounts);
    }

    public boolean isUnlimited() {
        return rpm == null && tpm == null && outputTpm == null && rpd == null;
    }

    /** The tokens a call counts against {@code tpm}. */
    long tpmCharge(long inputTokens, long outputTokens) {
        return tpmCounts == TokenCounting.INPUT ? inputTokens : inputTokens + outputTokens;
    }

    private static void requireNonNegative(String name, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
