package dev.tutorgate.tutor;

import dev.tutorgate.config.TutorgateConfig;

/**
 * How carefully prompts are sized. Our token counter (JTokkit) only estimates what a provider will
 * count, so every estimate gets a safety margin: a prompt is sized to fit the window even if the
 * provider counts {@code estimateMargin} more tokens than we do, and the budget reserves that many
 * more input tokens.
 *
 * @param estimateMargin        share by which a provider may count more tokens than we do (0.10 = 10%)
 * @param messageOverheadTokens tokens a provider adds around each message (role markers)
 * @param historyReserveTokens  the least room a model must leave for history and the question besides the
 *                              course and the output cap, to count as able to hold the course
 */
public record ContextRules(double estimateMargin, int messageOverheadTokens, int historyReserveTokens) {
    public static final ContextRules DEFAULTS = new ContextRules(0.10, 4, 4000);

    public ContextRules {
        if (!(estimateMargin >= 0 && estimateMargin < 1)) {
            throw new IllegalArgumentException("estimateMargin must be from 0 up to 1");
        }
        if (messageOverheadTokens < 0 || historyReserveTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** The default margin and overhead with the course's history reserve: what serve and course stats use. */
    public static ContextRules forCourse(TutorgateConfig.Course course) {
        return DEFAULTS.withHistoryReserve(course.historyReserveTokens());
    }

    /** The same rules with another history reserve ({@code course.historyReserveTokens}). */
    public ContextRules withHistoryReserve(int tokens) {
        return new ContextRules(estimateMargin, messageOverheadTokens, tokens);
    }

    /** The largest estimated prompt (system prompt + messages) that surely fits next to the output cap. */
    public long promptRoom(long contextWindow, int outputCap) {
        long left = contextWindow - outputCap;
        return left <= 0 ? 0 : (long) Math.floor(left / (1.0 + estimateMargin));
    }

    /** An estimate raised by the margin: what the provider might count at most. */
    public long worstCase(long estimatedTokens) {
        return (long) Math.ceil(estimatedTokens * (1.0 + estimateMargin));
    }

    /** Estimated tokens of one message of {@code contentTokens}. */
    public long message(long contentTokens) {
        return contentTokens + messageOverheadTokens;
    }
}
