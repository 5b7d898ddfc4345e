package dev.tutorgate.course;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tutorgate.core.TokenCounter;

/**
 * Counts tokens with OpenAI's o200k_base encoding (GPT-4o, GPT-4.1). Gemini and Claude use their
 * own tokenizers, which no library ships; o200k_base is the nearest public one and lands within a
 * few percent on English prose and code, which is all an estimate for budgets and context fit needs.
 *
 * <p>Thread-safe: JTokkit encodings hold no mutable state, so one instance serves every thread.
 */
public final class JTokkitTokenCounter implements TokenCounter {
    private static final JTokkitTokenCounter O200K =
            new JTokkitTokenCounter(Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE));

    private final Encoding encoding;

    private JTokkitTokenCounter(Encoding encoding) {
        this.encoding = encoding;
    }

    /** The shared o200k_base counter (its vocabulary loads once, on first use of this class). */
    public static JTokkitTokenCounter o200k() {
        return O200K;
    }

    /**
     * Counts {@code text} as ordinary text: a lesson or a question that happens to contain
     * "&lt;|endoftext|&gt;" is counted as the characters it is, never rejected.
     */
    @Override
    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    public String encodingName() {
        return encoding.getName();
    }
}
