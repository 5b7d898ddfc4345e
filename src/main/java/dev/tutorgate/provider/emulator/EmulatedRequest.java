package dev.tutorgate.provider.emulator;

import java.util.List;

/**
 * What the emulator needs from a parsed request, whatever the protocol.
 *
 * @param model the model named by the path (Gemini) or the body
 * @param streamed whether the call asked for a stream
 * @param contextTexts the system prompt and every message but the last, in order
 * @param question the text of the last message
 * @param maxOutputTokens the request's output cap; 0 = none given
 * @param thinkingBudget Gemini's thinkingConfig.thinkingBudget; -1 = not given
 * @param includeUsage OpenAI stream_options.include_usage
 * @param sse Gemini {@code alt=sse} (otherwise a stream is one JSON array)
 * @param cachePrefix Anthropic: the prefix up to the last cache_control breakpoint; null = no breakpoint
 */
record EmulatedRequest(String model, boolean streamed, List<String> contextTexts, String question,
                       int maxOutputTokens, int thinkingBudget, boolean includeUsage, boolean sse,
                       CachePrefix cachePrefix) {

    /** Identity and lifetime of an Anthropic cache prefix. */
    record CachePrefix(long hash, boolean oneHour) {
    }

    /** Thrown by a dialect's parser; becomes the protocol's 400 error. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
