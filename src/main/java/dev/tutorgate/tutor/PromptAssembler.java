package dev.tutorgate.tutor;

import dev.tutorgate.core.TokenCounter;
import dev.tutorgate.provider.CallTimeouts;
import java.util.List;
import java.util.Objects;

/**
 * Builds model calls in long-context mode: the stable prefix (instructions + whole course) as the
 * system prompt, then the conversation's history trimmed to the model's window, then the question.
 * One instance serves every request; {@link #prepare} makes the per-request part.
 */
public final class PromptAssembler {
    /** Introduces the stored summary of dropped turns, which goes in as the first history message. */
    static final String SUMMARY_INTRO = "Summary of the earlier part of our conversation:\n";

    private final PromptPrefix prefix;
    private final int courseMaxOutputTokens;
    private final CallTimeouts timeouts;
    private final TokenCounter counter;
    private final ContextRules rules;

    public PromptAssembler(PromptPrefix prefix, int courseMaxOutputTokens, CallTimeouts timeouts,
                           TokenCounter counter, ContextRules rules) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (courseMaxOutputTokens < 1) {
            throw new IllegalArgumentException("courseMaxOutputTokens must be positive");
        }
        this.courseMaxOutputTokens = courseMaxOutputTokens;
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.counter = Objects.requireNonNull(counter, "counter");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public PromptPrefix prefix() {
        return prefix;
    }

    public TokenCounter counter() {
        return counter;
    }

    public ContextRules rules() {
        return rules;
    }

    /** Whether {@code model} can hold the course at all. Checked once at start-up, not per request. */
    public ContextFit fit(ModelLimits model) {
        return ContextFit.of(model, prefix.tokens(), courseMaxOutputTokens, rules);
    }

    /** Counts the question and the history once for this request; calls for any model follow from it. */
    public RequestPrompt prepare(String question, String summary, List<StoredMessage> history) {
        long questionTokens = counter.count(question);
        List<HistoryTrimmer.Turn> turns = HistoryTrimmer.turns(history,
                m -> rules.message(m.tokens() >= 0 ? m.tokens() : counter.count(m.content())));
        return new RequestPrompt(this, question, questionTokens, summary, turns);
    }

    /** The output cap of a call to {@code model}. */
    int outputCap(ModelLimits model) {
        return model.outputCap(courseMaxOutputTokens);
    }

    CallTimeouts timeouts() {
        return timeouts;
    }
}
