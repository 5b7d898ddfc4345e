package dev.tutorgate.provider;

import dev.tutorgate.core.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * One request to a model, in vendor-neutral form.
 *
 * @param model            the model id the provider knows (e.g. "gemini-2.5-flash")
 * @param systemPrompt     the stable, cacheable prefix: instructions followed by the whole course.
 *                         Vendors place it where their cache works best (Anthropic: a system block
 *                         with cache_control; OpenAI: the first system message plus
 *                         prompt_cache_key; Gemini: systemInstruction, a stable implicit-cache prefix)
 * @param messages         history then the question, oldest first; the last one is the user's question
 * @param maxOutputTokens  the output cap sent to the provider (also the budget's worst case)
 * @param temperature      null for the provider's default
 * @param cacheKey         a stable key for the prompt prefix (OpenAI prompt_cache_key); may be null
 * @param timeouts         connect / first token / idle / total
 */
public record ModelCall(
        String model,
        String systemPrompt,
        List<ChatMessage> messages,
        int maxOutputTokens,
        Double temperature,
        String cacheKey,
        CallTimeouts timeouts) {

    public ModelCall {
        Objects.requireNonNull(model, "model");
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a model call needs at least one message");
        }
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive");
        }
        timeouts = timeouts == null ? CallTimeouts.DEFAULTS : timeouts;
    }
}
