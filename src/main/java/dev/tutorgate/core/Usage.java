package dev.tutorgate.core;

/**
 * Token counts of one model call, normalised across providers.
 *
 * <p>The providers disagree on what their input count means (provider-facts §0): Gemini's
 * {@code promptTokenCount} and OpenAI's {@code prompt_tokens} include cached tokens, Anthropic's
 * {@code input_tokens} does not. Each vendor mapper converts to this one meaning, so nothing
 * downstream needs to know which provider answered:
 *
 * <ul>
 *   <li>{@code inputTokens}: every input token of the call — uncached, cache reads and cache writes.
 *   <li>{@code cachedInputTokens}: the part of the input read from the provider's cache.
 *   <li>{@code cacheWrite5mTokens}, {@code cacheWrite1hTokens}: the part written to the cache
 *       (Anthropic only; billed at 1.25× / 2× the input price).
 *   <li>{@code outputTokens}: every billed output token, thinking/reasoning included.
 *   <li>{@code reasoningTokens}: the thinking/reasoning part of {@code outputTokens} (a breakdown).
 *   <li>{@code estimated}: true when the provider did not report usage (e.g. a stream cut before
 *       OpenAI's final usage chunk) and the counts were estimated locally.
 * </ul>
 */
public record Usage(
        long inputTokens,
        long cachedInputTokens,
        long cacheWrite5mTokens,
        long cacheWrite1hTokens,
        long outputTokens,
        long reasoningTokens,
        boolean estimated) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, false);

    public Usage {
        if (inputTokens < 0 || cachedInputTokens < 0 || cacheWrite5mTokens < 0 || cacheWrite1hTokens < 0
                || outputTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        if (cachedInputTokens + cacheWrite5mTokens + cacheWrite1hTokens > inputTokens) {
            throw new IllegalArgumentException("cached and cache-write tokens are part of inputTokens: "
                    + cachedInputTokens + " + " + cacheWrite5mTokens + " + " + cacheWrite1hTokens + " > " + inputTokens);
        }
        if (reasoningTokens > outputTokens) {
            throw new IllegalArgumentException("reasoningTokens are part of outputTokens");
        }
    }

    /** A call without caching or reasoning. */
    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, 0, 0, 0, outputTokens, 0, false);
    }

    /** Input tokens billed at the plain input price (neither read from nor written to the cache). */
    public long uncachedInputTokens() {
        return inputTokens - cachedInputTokens - cacheWrite5mTokens - cacheWrite1hTokens;
    }

    public long cacheWriteTokens() {
        return cacheWrite5mTokens + cacheWrite1hTokens;
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Both calls' tokens together (estimated if either was); throws on overflow. */
    public Usage plus(Usage other) {
        return new Usage(
                Math.addExact(inputTokens, other.inputTokens),
                Math.addExact(cachedInputTokens, other.cachedInputTokens),
                Math.addExact(cacheWrite5mTokens, other.cacheWrite5mTokens),
                Math.addExact(cacheWrite1hTokens, other.cacheWrite1hTokens),
                Math.addExact(outputTokens, other.outputTokens),
                Math.addExact(reasoningTokens, other.reasoningTokens),
                estimated || other.estimated);
    }
}
