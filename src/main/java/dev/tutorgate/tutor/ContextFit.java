package dev.tutorgate.tutor;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether a model can hold the whole course: the prompt prefix (the tutor's instructions and the
 * course) and room for history and the question ({@code course.historyReserveTokens}), raised by
 * the token-estimate margin, next to the answer's output cap, all inside its context window. The
 * one rule for {@code serve} (a model that cannot is left out of routing at start-up) and
 * {@code tutorgate course stats}, so the two always agree. Token figures are o200k_base estimates.
 *
 * @param model        the model's window and output cap
 * @param outputCap    the answer's cap: {@code course.maxOutputTokens}, or the model's own cap if smaller
 * @param prefixTokens the prompt prefix: instructions + whole course
 * @param rules        the estimate margin and the history reserve
 */
public record ContextFit(ModelLimits model, int outputCap, long prefixTokens, ContextRules rules) {
    public ContextFit {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(rules, "rules");
    }

    public static ContextFit of(ModelLimits model, long prefixTokens, int courseMaxOutputTokens, ContextRules rules) {
        return new ContextFit(model, model.outputCap(courseMaxOutputTokens), prefixTokens, rules);
    }

    /** The smallest window that holds the course: the output cap and, with the margin, prefix + history reserve. */
    public long neededWindow() {
        return outputCap + rules.worstCase(prefixTokens + rules.historyReserveTokens());
    }

    public boolean fits() {
        return model.contextWindow() >= neededWindow();
    }

    /** Estimated tokens left for history and the question once the course and the output cap are in; 0 if none. */
    public long historyRoom() {
        return Math.max(0, rules.promptRoom(model.contextWindow(), outputCap) - prefixTokens);
    }

    /** For {@code course stats}: "gpt-4o-mini: 128,000 tokens — too small for this course (needs 392,251)". */
    public String describe() {
        String window = model.name() + ": " + number(model.contextWindow()) + " tokens — ";
        if (!fits()) {
            return window + "too small for this course (needs " + number(neededWindow()) + ")";
        }
        return window + "holds the course (" + number(prefixTokens) + ") with " + number(historyRoom())
                + " left for history and " + number(outputCap) + " for the answer";
    }

    /** For the start-up report: "claude-sonnet-4-5 (200,000 tokens) cannot hold the course (352,410 tokens): …". */
    public String problem() {
        return model.name() + " (" + number(model.contextWindow()) + " tokens) cannot hold the course ("
                + number(prefixTokens) + " tokens): it will not be used";
    }

    private static String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }
}
