package dev.tutorgate.tutor;

import dev.tutorgate.core.TokenCounter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The stable start of every prompt: the tutor's instructions followed by the whole course. The
 * same bytes go out on every call so that providers can cache them.
 *
 * @param text     instructions + course, exactly as sent as the system prompt
 * @param tokens   its token count
 * @param cacheKey stable per course version (a hash of {@code text}): OpenAI's prompt_cache_key
 */
public record PromptPrefix(String text, long tokens, String cacheKey) {
    public PromptPrefix {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(cacheKey, "cacheKey");
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must not be negative");
        }
    }

    /** Counts the prefix and derives its cache key. */
    public static PromptPrefix of(String text, TokenCounter counter) {
        return new PromptPrefix(text, counter.count(text), cacheKeyOf(text));
    }

    /** "course-" and the first 16 hex digits of the text's SHA-256: changes exactly when the prefix does. */
    public static String cacheKeyOf(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "course-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
